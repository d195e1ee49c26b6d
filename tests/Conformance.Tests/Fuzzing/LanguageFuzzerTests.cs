using Conformance.Harness.Fuzzing;

namespace Conformance.Tests.Fuzzing;

/// <summary>The differential fuzzer per build: a few hundred generated programs, fixed seed, both interpreters agree.</summary>
[NonParallelizable]
public sealed class LanguageFuzzerTests
{
    [Test]
    public void Generated_programs_print_and_fail_alike_on_both_interpreters()
    {
        var report = new LanguageFuzzer { MaxReduced = 5 }.Run(count: 400, seed: 20261201);
        Assert.That(report.Programs - report.Rejected, Is.GreaterThan(300), report.Summary);
        Assert.That(report.DifferenceCount, Is.Zero,
            report.Summary + "\n\n" + string.Join("\n\n", report.Differences.Select(d => d.Describe())));
    }

    [Test]
    public void Every_generated_document_but_a_few_passes_the_validator()
    {
        var generated = 500;
        var valid = LanguageFuzzer.Programs(generated, seed: 3).Count();
        Assert.That(valid, Is.GreaterThan(generated * 8 / 10));
    }

    [Test]
    public void Generated_programs_call_functions_with_defaults_and_keywords_and_unpack()
    {
        var programs = LanguageFuzzer.Programs(300, seed: 3).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(programs.Count(p => p.Contains("\"defaults\":", StringComparison.Ordinal)), Is.GreaterThan(20));
            Assert.That(programs.Count(p => p.Contains("\"kwargs\":", StringComparison.Ordinal)), Is.GreaterThan(20));
            Assert.That(programs.Count(p => p.Contains("\"set\":[", StringComparison.Ordinal)), Is.GreaterThan(20));
            Assert.That(programs.Count(p => p.Contains("\"for\":[", StringComparison.Ordinal)), Is.GreaterThan(5));
        });
    }

    [Test]
    public void Generated_programs_mix_the_constructs_where_they_meet()
    {
        var programs = LanguageFuzzer.Programs(300, seed: 3).ToList();
        int With(params string[] parts) => programs.Count(p => parts.All(part => p.Contains(part, StringComparison.Ordinal)));
        Assert.Multiple(() =>
        {
            Assert.That(With("\"yield\":"), Is.GreaterThan(50), "generator functions");
            Assert.That(With("\"lambda\":"), Is.GreaterThan(50), "lambdas");
            Assert.That(With("\"yield\":", "\"lambda\":", "\"list_comp\":"), Is.GreaterThan(20), "generators, lambdas and comprehensions in one program");
            Assert.That(With("\"global\":[\"gcount\"]"), Is.GreaterThan(10), "a generator assigning a module variable");
            Assert.That(With("\"base\":"), Is.GreaterThan(50), "user exception classes");
            Assert.That(With("\"call\":\"map\""), Is.GreaterThan(30), "map");
            Assert.That(With("\"call\":\"next\""), Is.GreaterThan(10), "next");
            Assert.That(With("\"call\":\"isinstance\""), Is.GreaterThan(30), "isinstance");
            Assert.That(With("\"call\":\"getattr\""), Is.GreaterThan(5), "getattr");
            Assert.That(With("\"call\":{\"attr\":"), Is.GreaterThan(10), "a str method on an expression");
            Assert.That(With("\"list_comp\":", "\"for\":[\"ka"), Is.GreaterThan(5), "a comprehension with a target list");
            Assert.That(With("\"from\":"), Is.GreaterThan(10), "raise ... from");
            Assert.That(With("sys.exit"), Is.GreaterThan(20), "sys.exit");
            Assert.That(With("!r:"), Is.GreaterThan(5), "a conversion with a format spec");
        });
    }

    [TestCase("{description: d, features: [f], functions: {g: {params: [n], steps: [{yield: $n}, {expr: {call: next, args: [{call: iter, args: [[]]}]}}]}}, main: [{set: m, to: {call: map, args: [{lambda: {mul: [$x, 2]}, params: [x]}, {call: g, args: [3]}]}}, {print: [{call: next, args: [$m]}, {is: [{call: iter, args: [$m]}, $m]}]}, {try: [{print: {call: list, args: [{call: g, args: [1]}]}}], except: [{type: RuntimeError, as: e, do: [{print: [$e, {call: repr, args: [$e.__cause__]}]}]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{set: it, to: {call: iter, args: [[a]]}}, {print: [{call: list, args: [{call: map, args: [{lambda: {call: next, args: [$it]}, params: [x]}, [1, 2]]}]}, {list_comp: [$k, $v], for: [k, v], in: {call: enumerate, args: [xy]}}, {call: {attr: upper, of: \"stra\u00dfe\"}}]}]}")]
    [TestCase("{description: d, features: [f], classes: {E: {base: KeyError}}, main: [{set: e, to: {new: E, args: [1]}}, {print: [{call: isinstance, args: [$e, $E]}, {call: isinstance, args: [$e, {tuple: [{type: E}, {type: int}]}]}]}, {print: [{tuple: [1, {call: next, args: [{call: iter, args: [[]]}], kwargs: {}}]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{for: x, in: a, do: [{try: [continue], finally: [raise]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{pow: [-2937185979318587610, 1.0e+23]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{set: s, to: \"%\\r\"}, {print: [{mod: [$s, x]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{mul: [ab, 8084754934795111927]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{set: xs, to: [3, 1, 2]}, {call: xs.sort, kwargs: {key: {lambda: {neg: $v}, params: [v]}}}, {print: [$xs]}, {with: 1, do: [pass]}]}")]
    [TestCase("{description: d, features: [f], main: [{set: d, to: {dict: [[a, 1]]}}, {for: [k, v], in: {call: d.items}, do: [{setitem: $d, key: null, to: 0}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{mul: [9223372036854775807, 9223372036854775807]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{div: [9007199254740993, 3]}, {eq: [9007199254740993, {div: [18014398509481986, 2]}]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{floordiv: [-7.5, 2]}, {mod: [-7.5, 2]}, {mod: [1.0e-5, -1]}, {floordiv: [-7, 2]}, {mod: [7, -3]}]}]}")]
    [TestCase("{description: d, features: [f], functions: {g: {params: [n, acc], defaults: {acc: []}, steps: [{while: {gt: [$n, 0]}, do: [{print: {format: 'at {n}'}}, {yield: $n}, {set: n, to: {sub: [$n, 1]}}]}, {return: $acc}]}}, main: [{set: [a, b], to: {call: g, args: [2]}}, {print: [$a, $b]}, {for: [x, y], in: [[1, 2], {tuple: [3]}], do: [{print: [$x, $y]}]}]}")]
    [TestCase("{description: d, features: [f], globals: {k: 2}, main: [{set: f, to: {lambda: {mul: [$x, $k]}, params: [x]}}, {set: k, to: 5}, {print: [{call: f, args: [3]}, {call: sorted, args: [[3, -4, 1]], kwargs: {key: {lambda: {mul: [$v, $v]}, params: [v]}}}]}, {call: f, kwargs: {y: 1}}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{dict: [[1, a], [1.5, b], [true, c]]}, {index: -1, of: \"a\\U0001F600\"}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{call: sorted, args: [[3, 1, \"a\", 2]]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{try: [{raise: KeyError, message: 5}], except: [{type: KeyError, as: e, do: [{print: [{call: repr, args: [$e]}, $e, $e.args]}]}]}, {print: [{dict: [[[1], 2]]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{set: d, to: {dict: [[a, 1]]}}, {print: [{call: d.keys}, {mod: [\"x%sy\", 5]}, {mul: [[1], 1.5]}]}]}")]
    public void Known_differences_stay_fixed(string yaml)
    {
        var (python, csharp) = new LanguageFuzzer().RunOne(yaml);
        Assert.That(csharp, Is.EqualTo(python));
    }
}
