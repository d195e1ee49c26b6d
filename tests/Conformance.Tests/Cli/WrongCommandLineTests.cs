using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary>Every wrong command line: an error line and the usage on stderr, exit code 2, at once, and nothing run.</summary>
/// <remarks>
/// Each case runs against a suite with one valid scenario, so a command line that were wrongly accepted would start a
/// run; "nothing run" is seen as an empty stdout (no per-run line, no table) and a quick return.
/// </remarks>
[NonParallelizable] // Console output is redirected per test.
public sealed class WrongCommandLineTests
{
    /// <summary>Replaced by the temporary suite's root.</summary>
    private const string Root = "<root>";

    /// <summary>Replaced by a folder that exists.</summary>
    private const string Folder = "<folder>";

    [TestCase("frobnicate")]
    [TestCase("--repeat", "3")]
    [TestCase("run", "--root", Root, "--frob", "1")]
    [TestCase("run", "--root", Root, "--repeat")]
    [TestCase("run", "--root", Root, "--repeat", "0")]
    [TestCase("run", "--root", Root, "--repeat", "-1")]
    [TestCase("run", "--root", Root, "--repeat", "abc")]
    [TestCase("run", "--root", Root, "--repeat", "1e9")]
    [TestCase("run", "--root", Root, "--repeat", "1.5")]
    [TestCase("run", "--root", Root, "--repeat", "99999999999")]
    [TestCase("run", "--root", Root, "--repeat", "")]
    [TestCase("run", "--root", Root, "--repeat=")]
    [TestCase("run", "--root", Root, "--backend", "jython")]
    [TestCase("run", "--root", Root, "--backend", "")]
    [TestCase("run", "--root", Root, "--filter", "nothing/**")]
    [TestCase("run", "--root", Root, "--filter", "")]
    [TestCase("run", "--root", "/no/such/folder")]
    [TestCase("run", "--root", "")]
    [TestCase("run", "--root", Root, "--json", Folder)]
    [TestCase("run", "--root", Root, "--json", "/no/such/folder/report.json")]
    [TestCase("run", "--root", Root, "--json", "")]
    [TestCase("run", "--root", Root, "--junit", Folder)]
    [TestCase("run", "--root", Root, "cli/answer")]
    [TestCase("run", "--root", Root, "--repeat", "1", "--repeat", "2")]
    [TestCase("run", "--root", Root, "--backend", "cpython", "--backend", "csharp")]
    [TestCase("run", "--root", Root, "--root", Root)]
    [TestCase("run", "--root", Root, "--")]
    [TestCase("run", "--root", Root, "--=x")]
    [TestCase("validate", "--root", Root, "--colour", "on")]
    [TestCase("validate", "--root", Root, "--filter", "nothing/**")]
    [TestCase("validate", "--root", Root, "")]
    [TestCase("validate", "--root", Root, "scenarios/cli/answer.yaml", "--filter", "cli/*")]
    [TestCase("validate", "--root", "/no/such/folder")]
    [TestCase("accept", "--root", Root, "extra")]
    [TestCase("accept", "--root", Root, "--json", "x.json")]
    [TestCase("__run-cpython")] // the runner command of old: the CPython backend is its own program now
    [TestCase("__run-cpython", "--scenario", "x.json")]
    public async Task A_wrong_command_line_exits_2_with_an_error_and_the_usage_and_runs_nothing(params string[] args)
    {
        using var suite = new TempSuite();
        suite.Write("cli/answer", HostileYaml.Head + "  - print: [42]\n");
        var folder = Directory.CreateDirectory(Path.Combine(suite.Root, "reports")).FullName;
        args = [.. args.Select(a => a switch { Root => suite.Root, Folder => folder, _ => a })];

        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), args);

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(2), result.Stderr);
            Assert.That(result.Stderr, Does.StartWith("error: ").And.Contain("Usage:"));
            Assert.That(result.Stderr, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
            Assert.That(result.Stdout, Is.Empty, "nothing ran");
            Assert.That(result.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [TestCase("--help")]
    [TestCase("help")]
    [TestCase("-h")]
    [TestCase("run", "--help")]
    [TestCase("validate", "--root", "/no/such/folder", "--help")]
    public async Task Help_anywhere_prints_the_usage_and_exits_0(params string[] args)
    {
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), args);

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.StartWith("Description:").And.Contain("Usage:\n  dotnet run --project harness -- "));
        });
    }
}
