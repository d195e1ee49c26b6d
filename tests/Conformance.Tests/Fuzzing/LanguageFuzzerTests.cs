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

    [TestCase("{description: d, features: [f], main: [{print: [{mul: [9223372036854775807, 9223372036854775807]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{div: [9007199254740993, 3]}, {eq: [9007199254740993, {div: [18014398509481986, 2]}]}]}]}")]
    [TestCase("{description: d, features: [f], main: [{print: [{floordiv: [-7.5, 2]}, {mod: [-7.5, 2]}, {mod: [1.0e-5, -1]}, {floordiv: [-7, 2]}, {mod: [7, -3]}]}]}")]
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
