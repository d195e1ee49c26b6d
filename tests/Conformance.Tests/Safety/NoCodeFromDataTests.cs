using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Tests.Running;

namespace Conformance.Tests.Safety;

/// <summary>
/// The second line behind the validator: documents that never went through it (handed straight to each backend's
/// runner) still cannot leave the language, and a scenario that passes validation cannot call a class it reached
/// through <c>__class__</c>. Each case tries to create a file through <c>os.system</c> or reach internals; none may.
/// </summary>
[NonParallelizable]
public sealed class NoCodeFromDataTests
{
    private const string Escaped = "ESCAPED";

    /// <summary>Documents as the runners read them (JSON), each aiming at <c>ESCAPED</c>, replaced by a fresh path.</summary>
    private static readonly (string Name, string Main, string Functions)[] Documents =
    [
        ("the __subclasses__ escape to os.system", """
            [{"set": "base", "to": {"attr": "__base__", "of": {"attr": "__class__", "of": "x"}}},
             {"set": "subs", "to": {"call": "base.__subclasses__"}},
             {"for": "c", "in": "$subs", "do": [
               {"if": {"eq": [{"attr": "__name__", "of": "$c"}, "_wrap_close"]}, "then": [
                 {"set": "g", "to": {"attr": "__globals__", "of": {"attr": "__init__", "of": "$c"}}},
                 {"set": "run", "to": {"index": "system", "of": "$g"}},
                 {"call": "run", "args": ["touch ESCAPED"]}]}]}]
            """, "{}"),
        ("__globals__ of a function", """
            [{"set": "g", "to": "$f.__globals__"},
             {"call": "g.os.system", "args": ["touch ESCAPED"]}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("__builtins__ of a function", """
            [{"set": "b", "to": {"attr": "__builtins__", "of": "$f"}},
             {"call": "b.exec", "args": ["import os; os.system('touch ESCAPED')"]}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("__dict__ of a process", """
            [{"set": "p", "to": {"call": "current_process"}},
             {"print": {"format": "{p.__dict__}"}},
             {"call": "p._popen.kill"}]
            """, "{}"),
        ("a computed attribute name", """
            [{"set": "g", "to": {"attr": {"add": ["__glo", "bals__"]}, "of": "$f"}},
             {"call": "g.os.system", "args": ["touch ESCAPED"]}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("str.format's own attribute walk", """
            [{"set": "s", "to": "{0.__init__.__globals__}"},
             {"print": {"call": "s.format", "args": ["$f"]}}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("a built-in class reached through __class__ and called", """
            [{"set": "t", "to": {"attr": "__class__", "of": {"attr": "__class__", "of": "x"}}},
             {"set": "made", "to": {"call": "t", "args": ["Made", {"tuple": []}, {"dict": []}]}},
             {"print": "$made"}]
            """, "{}"),
        ("a frame reached through a public name", """
            [{"print": "$f.gi_frame.f_globals"}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("getattr with a computed name", """
            [{"set": "g", "to": {"call": "getattr", "args": ["$f", {"add": ["__glo", "bals__"]}]}},
             {"call": "g.os.system", "args": ["touch ESCAPED"]}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("hasattr probing an internal name", """
            [{"print": {"call": "hasattr", "args": ["$f", "__globals__"]}}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("type() of a value called as a class", """
            [{"set": "t", "to": {"call": "type", "args": [{"call": "type", "args": ["x"]}]}},
             {"set": "made", "to": {"call": "t", "args": ["Made", {"tuple": []}, {"dict": []}]}},
             {"print": "$made"}]
            """, "{}"),
        ("a built-in that is not a value", """
            [{"set": "e", "to": {"builtin": "getattr"}},
             {"call": "e", "args": ["$f", "__globals__"]}]
            """, """{"f": {"steps": ["pass"]}}"""),
        ("a str attribute outside the language", """
            [{"print": {"attr": "encode", "of": "x"}}]
            """, "{}"),
        ("a type name outside the language", """
            [{"set": "t", "to": {"type": "__import__"}},
             {"print": "$t"}]
            """, "{}"),
        ("a str method outside the language", """
            [{"set": "s", "to": "x"},
             {"print": {"call": "s.encode"}}]
            """, "{}"),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        from document in Documents
        from backend in new[] { "cpython", "csharp" }
        select new TestCaseData(document.Name, document.Main, document.Functions, backend)
            .SetName($"{document.Name} [{backend}]").SetCategory(backend);

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(60_000)]
    public async Task A_document_that_skipped_validation_still_cannot_leave_the_language(string name, string main, string functions, string backendId)
    {
        using var suite = new TempSuite();
        var marker = Path.Combine(suite.Root, "escaped");
        suite.Write("safety/carrier", "description: Carries a hostile document.\nfeatures: [x]\nmain: [pass]\n");
        var scenario = suite.Load("safety/carrier");
        var json = Path.Combine(suite.Root, "hostile.json");
        var trace = Path.Combine(suite.Root, "trace.jsonl");
        File.WriteAllText(json, $$"""{"id": "safety/hostile", "functions": {{functions}}, "main": {{main.Replace(Escaped, marker, StringComparison.Ordinal)}}}""");
        File.WriteAllBytes(trace, []);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        var run = await backend.RunAsync(scenario, json, trace, RunSettings.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(marker), Is.False, $"{name}: the document reached the OS");
            Assert.That(run.ExitCode, Is.EqualTo(BackendRun.ScenarioError), run.StandardError);
            Assert.That(run.LastErrorLine, Does.Match(@"^scenario error at /main/\d+: ScenarioViolation: .* is not part of the scenario language"));
            Assert.That(run.StandardOutput, Does.Not.Contain("__builtins__").And.Not.Contain("<module"), "nothing of the interpreter's internals was printed");
        });
    }

    /// <summary>This one validates (nothing in it names an internal), so the runtime check is what stops it, on both backends alike.</summary>
    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(60_000)]
    public async Task Calling_a_class_reached_through_dunder_class_is_an_error_no_handler_can_swallow(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("safety/call-a-class", """
            description: Calls the class of a string, inside a try that catches Exception.
            features: [x]
            main:
              - set: t
                to: {attr: __class__, of: "x"}
              - print: {attr: __name__, of: $t}
              - try:
                  - set: made
                    to: {call: t, args: [42]}
                  - print: [made, $made]
                except:
                  - type: Exception
                    do: [{print: swallowed}]
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("safety/call-a-class"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.Contain("safety/call-a-class.yaml:8:9:").And.Contain("uncaught ScenarioViolation: calling <class 'str'>, a class reached through __class__"));
            Assert.That(result.Message, Does.Not.Contain("swallowed"));
        });
    }
}
