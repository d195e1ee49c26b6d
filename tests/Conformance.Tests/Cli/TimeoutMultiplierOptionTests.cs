using Conformance.Harness.Cli;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary><c>run --timeout-multiplier F</c>: a positive number, or a usage error (exit 2) before anything runs.</summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class TimeoutMultiplierOptionTests
{
    [TestCase("0")]
    [TestCase("-2")]
    [TestCase("two")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    public async Task A_multiplier_that_is_not_a_positive_number_is_a_usage_error(string value)
    {
        var (code, stderr) = await RunAsync("run", "--timeout-multiplier", value);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.StartWith($"error: --timeout-multiplier takes a positive number (e.g. 2 or 1.5), not '{value}'").And.Contain("Usage:"));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_multiplier_scales_the_limit_of_a_run()
    {
        using var suite = new TempSuite();
        suite.Write("cli/sleeps", """
            description: Main sleeps past its written limit.
            features: [sleep]
            timeout: 1
            main:
              - sleep: 2
              - print: woke
            """);

        var (plain, _) = await RunAsync("run", "--root", suite.Root, "--backend", "csharp");
        var (scaled, _) = await RunAsync("run", "--root", suite.Root, "--backend", "csharp", "--timeout-multiplier", "4");

        Assert.Multiple(() =>
        {
            Assert.That(plain, Is.EqualTo(1), "a timeout at 1 s");
            Assert.That(scaled, Is.EqualTo(1), "no verified snapshot, but no timeout either");
            Assert.That(File.Exists(Path.Combine(suite.Root, "expected", "cli", "sleeps.csharp.received.txt")), "the run at 4 s ended and was judged on its output");
        });
    }

    private static async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        var result = await Cli.RunAsync(Cli.RunBound, args);
        return (result.Code, result.Stderr);
    }
}
