using System.Text.RegularExpressions;
using Conformance.Backend.CSharp;

namespace Conformance.Tests.BackendCSharp;

/// <summary>The interpreter in-process (no trace file, no child processes): references, formats, control flow, errors.</summary>
[NonParallelizable]
public sealed class InterpreterTests
{
    private static List<string> Run(string json)
    {
        var doc = (Dictionary<string, object?>)Document.Parse(json)!;
        var printed = new List<string>();
        var interpreter = new Interpreter(doc) { Out = printed.Add };
        Interpreter.Current = interpreter;
        interpreter.RunMain();
        return printed;
    }

    [Test]
    public void Format_templates_insert_str_of_references_and_escape_braces()
    {
        var interpreter = new Interpreter(new Dictionary<string, object?>());
        var values = new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "x", ["f"] = 0.5, ["n"] = null };
        string Fmt(string t) => interpreter.Format(t, name => values[name]);
        Assert.Multiple(() =>
        {
            Assert.That(Fmt("a={a} s={s} f={f} n={n}"), Is.EqualTo("a=1 s=x f=0.5 n=None"));
            Assert.That(Fmt("{{a}} {{{a}}}"), Is.EqualTo("{a} {1}"));
            Assert.That(Fmt("}}"), Is.EqualTo("}"));
            Assert.That(Fmt("{f:.2f}|{a:>3}|{s:<2}|"), Is.EqualTo("0.50|  1|x |"));
        });
    }

    [Test]
    public void References_resolve_attributes_and_dollar_dollar_is_a_literal()
    {
        var printed = Run("""
            {"classes": {"Box": {"fields": ["inner"], "methods": {"__str__": {"steps": [{"return": {"format": "Box({self.inner.v})"}}]}}},
                         "Leaf": {"fields": ["v"]}},
             "main": [
               {"set": "b", "to": {"new": "Box", "args": [{"new": "Leaf", "kwargs": {"v": 7}}]}},
               {"print": ["$b.inner.v", "$$b", {"format": "{b}"}, "$b"]},
               {"print": [{"call": "repr", "args": [{"tuple": [1]}]}, {"dict": [["k", [1, 2.0]]]}]},
               {"print": {"attr": "name", "of": {"call": "current_process"}}, "end": "!\n"},
               {"write": {"call": "str", "args": [{"call": "range", "args": [3]}]}}
             ]}
            """);
        Assert.That(printed, Is.EqualTo(new[] { "7 $b Box(7) Box(7)\n", "(1,) {'k': [1, 2.0]}\n", "MainProcess!\n", "[0, 1, 2]" }));
    }

    [Test]
    public void User_objects_without_str_print_like_main_module_objects()
    {
        var printed = Run("""{"classes": {"Thing": {"fields": []}}, "main": [{"print": [{"new": "Thing"}]}]}""");
        Assert.That(printed.Single(), Does.Match(@"^<__main__\.Thing object at 0x[0-9a-f]+>\n$"));
    }

    [Test]
    public void Loops_try_except_finally_and_return_behave_as_python()
    {
        var printed = Run("""
            {"functions": {"f": {"params": ["x"], "steps": [
                {"try": [{"if": {"gt": ["$x", 1]}, "then": [{"raise": "ValueError", "message": {"format": "big {x}"}}]}, {"return": "$x"}],
                 "except": [{"type": "KeyError", "do": [{"return": "key"}]}],
                 "finally": [{"print": {"format": "finally {x}"}}]}]}},
             "main": [
               {"for": "i", "in": {"call": "range", "args": [5]}, "do": [
                 {"if": {"eq": ["$i", 1]}, "then": ["continue"]},
                 {"if": {"eq": ["$i", 3]}, "then": ["break"]},
                 {"try": [{"print": ["got", {"call": "f", "args": ["$i"]}]}],
                  "except": [{"type": "Exception", "as": "e", "do": [{"print": ["caught", {"call": "repr", "args": ["$e"]}, {"call": "str", "args": ["$e"]}]}]}]}
               ]}
             ]}
            """);
        Assert.That(printed, Is.EqualTo(new[]
        {
            "finally 0\n", "got 0\n", "finally 2\n", "caught ValueError('big 2') big 2\n",
        }));
    }

    [Test]
    public void Primitive_errors_carry_cpythons_types_and_messages()
    {
        var printed = Run("""
            {"main": [
              {"set": "lock", "to": {"new": "Lock"}},
              {"with": "$lock", "as": "entered", "do": [{"print": ["entered", "$entered"]}]},
              {"try": [{"call": "lock.release"}], "except": [{"type": "ValueError", "as": "e", "do": [{"print": ["ValueError", {"call": "str", "args": ["$e"]}]}]}]},
              {"set": "q", "to": {"new": "Queue"}},
              {"try": [{"call": "q.get", "kwargs": {"timeout": 0.01}}], "except": [{"type": "Empty", "as": "e", "do": [{"print": ["Empty", {"call": "repr", "args": [{"call": "str", "args": ["$e"]}]}]}]}]},
              {"try": [{"set": "bad", "to": {"new": "Semaphore", "args": [-1]}}], "except": [{"type": "OSError", "as": "e", "do": [{"print": ["OSError", {"call": "str", "args": ["$e"]}]}]}]}
            ]}
            """);
        Assert.That(printed, Is.EqualTo(new[]
        {
            "entered True\n", "ValueError semaphore or lock released too many times\n", "Empty ''\n", "OSError [Errno 22] Invalid argument\n",
        }));
    }

    [Test]
    public void An_uncaught_error_is_tagged_with_the_pointer_of_its_step()
    {
        var e = Assert.Throws<Multiprocessing.ValueError>(() => Run("""
            {"main": [{"pass": null}, {"if": true, "then": ["pass", {"raise": "ValueError", "message": "no"}]}]}
            """.Replace("{\"pass\": null}", "\"pass\"", StringComparison.Ordinal)));
        Assert.That(Interpreter.PointerOf(e!), Is.EqualTo("/main/1/then/1"));
    }

    [Test]
    public void Unsupported_primitives_are_found_before_running()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Document.FirstUnsupported(Document.Parse("""{"main": [{"set": "m", "to": {"new": "Manager"}}]}""")), Is.Null, "impl has a Manager");
            Assert.That(Document.FirstUnsupported(Document.Parse("""{"functions": {"f": {"steps": [{"with": {"new": "Pool"}}]}}, "main": []}""")), Is.Null, "impl has a Pool");
            Assert.That(Document.FirstUnsupported(Document.Parse("""{"main": [{"set": "q", "to": {"new": "Queue"}}]}""")), Is.Null);
        });
    }

    [Test]
    public void Process_subclasses_are_named_after_the_scenario_class()
    {
        var doc = (Dictionary<string, object?>)Document.Parse("""{"classes": {"Consumer": {"base": "Process", "fields": ["q"]}}, "main": []}""")!;
        Interpreter.Current = new Interpreter(doc);
        var p = new ScenarioProcess("Consumer", new Dictionary<string, object?> { ["q"] = 1L });
        Assert.Multiple(() =>
        {
            Assert.That(p.Name, Does.Match(@"^Consumer-\d+$"));
            Assert.That(Regex.IsMatch(p.ToString(), @"^<Consumer name='Consumer-\d+' parent=\d+ initial>$"), Is.True, p.ToString());
        });
    }
}
