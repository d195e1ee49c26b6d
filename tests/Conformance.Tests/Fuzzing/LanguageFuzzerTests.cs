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
