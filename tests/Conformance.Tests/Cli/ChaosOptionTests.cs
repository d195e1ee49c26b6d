using Conformance.Harness.Cli;

namespace Conformance.Tests.Cli;

/// <summary><c>run --chaos SEED</c>: a whole number, or a usage error.</summary>
[NonParallelizable] // Console output is redirected.
public sealed class ChaosOptionTests
{
    [TestCase("abc")]
    [TestCase("1.5")]
    [TestCase("")]
    [TestCase("99999999999")]
    public async Task A_seed_that_is_not_a_whole_number_exits_2_with_what_and_the_usage(string seed)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        int code;
        try
        {
            code = await Program.Main(["run", "--chaos", seed]);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr.ToString(), Does.StartWith($"error: --chaos takes a whole number").And.Contain($"not '{seed}'").And.Contain("--chaos <SEED>"));
        });
    }
}
