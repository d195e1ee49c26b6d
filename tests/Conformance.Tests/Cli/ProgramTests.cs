using System.Diagnostics;
using System.Text.Json;
using Conformance.Harness.Cli;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary>The command line's contract: exit codes, located errors, the JSON report.</summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class ProgramTests
{
    private const string Valid = Cli.ValidScenario;

    [Test]
    public async Task Validate_reports_each_problem_at_its_location_and_exits_2()
    {
        using var suite = new TempSuite();
        suite.Write("cli/good", Valid);
        suite.Write("cli/bad", """
            description: A typo.
            features: [print]
            main:
              - prnt: hello
            """);

        var (code, stdout, stderr) = await RunAsync("validate", "--root", suite.Root);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stdout, Does.Contain("1 valid, 1 invalid"));
            Assert.That(stderr, Does.Match(@"scenarios/cli/bad\.yaml:4:5: .*prnt"));
        });
    }

    [Test]
    public async Task Run_refuses_to_start_when_any_file_is_invalid()
    {
        using var suite = new TempSuite();
        suite.Write("cli/good", Valid);
        suite.Write("cli/bad", "description: [unterminated\n");

        var (code, _, stderr) = await RunAsync("run", "--backend", "cpython", "--root", suite.Root);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain("cli/bad.yaml:").And.Contain("nothing was run"));
        });
    }

    [TestCase("frobnicate")]
    [TestCase("run", "--backend", "jython")]
    [TestCase("run", "--repeat", "0")]
    [TestCase("validate", "--colour", "on")]
    public async Task A_wrong_command_line_exits_2_with_the_usage(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.StartWith("error: ").And.Contain("Usage:"));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Run_writes_the_json_report_contract_and_exits_1_when_a_scenario_does_not_pass()
    {
        using var suite = new TempSuite();
        suite.Write("cli/answer", Valid);
        var json = Path.Combine(suite.Root, "report.json");

        var (code, stdout, _) = await RunAsync("run", "--backend", "cpython", "--root", suite.Root, "--json", json);

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var result = report.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), "no verified snapshot yet, so the scenario fails");
            Assert.That(stdout, Does.Contain("cli/answer"));
            Assert.That(result.GetProperty("scenario").GetString(), Is.EqualTo("cli/answer"));
            Assert.That(result.GetProperty("backend").GetString(), Does.StartWith("cpython-3."));
            Assert.That(result.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
            Assert.That(result.GetProperty("duration_s").GetDouble(), Is.GreaterThan(0));
            Assert.That(result.GetProperty("output").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "answer 42" }));
            Assert.That(result.GetProperty("invariants").GetArrayLength(), Is.Zero);
            Assert.That(result.GetProperty("message").GetString(), Does.Contain("no verified snapshot"));
        });
    }

    [TestCase("validate")]
    [TestCase("run", "--backend", "cpython")]
    public async Task An_alias_bomb_is_refused_at_its_first_anchor_in_seconds_and_little_memory_with_exit_2(params string[] command)
    {
        using var suite = new TempSuite();
        suite.Write("cli/bomb", HostileYaml.AliasBomb());
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var (code, _, stderr) = await RunAsync([.. command, "--root", suite.Root]);

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain("scenarios/cli/bomb.yaml:1:4: anchor '&a': YAML anchors and aliases are not allowed in scenario files"));
            // Expanded, the bomb is 10^7 scalars (12 GB before this check existed); the bounds only have to tell that
            // apart from a refusal, so they are generous enough for a loaded 2-core machine.
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
            Assert.That(allocated, Is.LessThan(200L << 20), "bytes allocated by the whole command");
        });
    }

    [TestCase("size", 1, 1, "larger than the limit of")]
    [TestCase("brackets", 4, 12 + ScenarioLimits.MaxDepth - 3, "nested more than")]
    [TestCase("nodes", 5 + ScenarioLimits.MaxNodes - HostileYaml.HeadNodes, 9, "YAML nodes")]
    public async Task Validate_reports_a_file_past_a_limit_at_its_location_and_exits_2(string kind, int line, int column, string fragment)
    {
        using var suite = new TempSuite();
        suite.Write("cli/big", kind switch
        {
            "size" => HostileYaml.Sized(ScenarioLimits.MaxFileBytes + 1),
            "brackets" => HostileYaml.Head + "  - print: " + new string('[', 100_000) + "\n",
            _ => HostileYaml.Nodes(ScenarioLimits.MaxNodes + 1),
        });

        var (code, stdout, stderr) = await RunAsync("validate", "--root", suite.Root);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stdout, Does.Contain("0 valid, 1 invalid"));
            Assert.That(stderr, Does.Contain($"scenarios/cli/big.yaml:{line}:{column}: ").And.Contain(fragment));
        });
    }

    /// <summary><see cref="Cli.RunAsync(TimeSpan?, string[])"/> with a bound for whole runs (the tests' own limits are shorter).</summary>
    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var result = await Cli.RunAsync(Cli.RunBound, args);
        return (result.Code, result.Stdout, result.Stderr);
    }
}
