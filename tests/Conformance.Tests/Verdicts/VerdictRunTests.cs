using System.Text.Json;
using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Snapshots;
using Conformance.Tests.Cli;
using Conformance.Tests.Running;

namespace Conformance.Tests.Verdicts;

/// <summary>Verdicts end to end: the CLI's exit codes with expectations, every run of --repeat in the report, inconsistency.</summary>
[NonParallelizable] // Console output is redirected, and real runs are timed.
public sealed class VerdictRunTests
{
    private const string Prints = """
        description: Main prints.
        features: [print]
        main:
          - print: [answer, {mul: [6, 7]}]
        """;

    private static void Expect(TempSuite suite, string id, string verdict) =>
        File.WriteAllText(Path.Combine(suite.Paths.Expected, Expectations.FileName), $"""
            expectations:
              - scenario: {id}
                backend: cpython
                expect: {verdict}
                reason: a test says so
            """);

    [Test]
    [CancelAfter(120_000)]
    public async Task A_listed_failure_is_expected_and_exits_0_and_a_listed_pass_is_unexpected_and_exits_1()
    {
        using var suite = new TempSuite();
        suite.Write("cli/answer", Prints);
        Expect(suite, "cli/answer", "fail");

        // No verified snapshot yet: the run fails, as listed.
        var (expectedCode, expectedOut, _) = await ProgramTests.RunAsync("run", "--backend", "cpython", "--root", suite.Root);
        SnapshotStore.Accept(suite.Paths.Expected);
        // Now it passes, but the list still says it fails.
        var (unexpectedCode, unexpectedOut, _) = await ProgramTests.RunAsync("run", "--backend", "cpython", "--root", suite.Root);

        Assert.Multiple(() =>
        {
            Assert.That(expectedCode, Is.Zero, expectedOut);
            Assert.That(expectedOut, Does.Contain("expected-fail   cli/answer").And.Contain("(expected: a test says so; listed at"));
            Assert.That(unexpectedCode, Is.EqualTo(1), unexpectedOut);
            Assert.That(unexpectedOut, Does.Contain("unexpected-pass cli/answer").And.Contain("but it passed: remove the entry"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_expectations_file_naming_a_missing_scenario_stops_validate_and_run_with_exit_2()
    {
        using var suite = new TempSuite();
        suite.Write("cli/answer", Prints);
        Expect(suite, "cli/gone", "fail");

        var (validateCode, _, validateErr) = await ProgramTests.RunAsync("validate", "--root", suite.Root);
        var (runCode, _, runErr) = await ProgramTests.RunAsync("run", "--backend", "cpython", "--root", suite.Root);

        Assert.Multiple(() =>
        {
            Assert.That(validateCode, Is.EqualTo(2));
            Assert.That(validateErr, Does.Contain("expectations.yaml:2:5: no scenario 'cli/gone'"));
            Assert.That(runCode, Is.EqualTo(2));
            Assert.That(runErr, Does.Contain("nothing was run"));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Repeat_records_every_run_in_the_report_and_goes_on_after_a_failure()
    {
        using var suite = new TempSuite();
        suite.Write("cli/answer", Prints);
        var json = Path.Combine(suite.Root, "report.json");

        var (code, stdout, _) = await ProgramTests.RunAsync("run", "--backend", "cpython", "--root", suite.Root, "--repeat", "3", "--json", json);

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var result = report.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), "no verified snapshot: every run fails");
            Assert.That(stdout, Does.Contain("(run 1/3)").And.Contain("(run 2/3)").And.Contain("(run 3/3)"));
            Assert.That(result.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
            Assert.That(result.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("verdict").GetString()),
                Is.EqualTo(new[] { "fail", "fail", "fail" }));
            Assert.That(report.RootElement.GetProperty("schema_version").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_backend_whose_runs_differ_is_inconsistent()
    {
        using var suite = new TempSuite();
        suite.Write("cli/answer", Prints);
        var scenario = suite.Load("cli/answer");
        var runner = new RepeatedRunner(new ScenarioRunner(suite.Paths), Expectations.None);
        var backend = new Alternating();

        // The first run writes the received snapshot; accepting it makes the odd runs pass and the even ones differ.
        await new ScenarioRunner(suite.Paths).RunAsync(scenario, backend);
        SnapshotStore.Accept(suite.Paths.Expected);
        var result = await runner.RunAsync(scenario, backend, 4);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Inconsistent));
            Assert.That(result.Runs.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Fail, Verdict.Pass, Verdict.Fail, Verdict.Pass }));
            Assert.That(result.Message, Does.StartWith("fail 2/4, pass 2/4; run 2 is the first to differ from run 1:\n--- run 1\n+++ run 2\n"));
        });
    }

    /// <summary>Prints "answer 42" on odd runs and "answer 43" on even ones: a scenario that passes by luck, as a backend.</summary>
    private sealed class Alternating : IBackend
    {
        private int _runs;

        public string Id => "cpython";

        public BackendMarkers Markers => BackendMarkers.None;

        public Task<string> DescribeAsync(CancellationToken ct) => Task.FromResult("cpython");

        public Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct)
        {
            var answer = ++_runs % 2 == 1 ? 42 : 43;
            var pid = Environment.ProcessId;
            File.AppendAllText(tracePath,
                $"{{\"t\": 1, \"pid\": {pid}, \"proc\": \"MainProcess\", \"ev\": \"meta\", \"backend\": \"cpython\", \"cpu_count\": 2}}\n" +
                $"{{\"t\": 2, \"pid\": {pid}, \"proc\": \"MainProcess\", \"ev\": \"print\", \"text\": \"answer {answer}\\n\"}}\n");
            return Task.FromResult(new BackendRun(0, false, "", "", TimeSpan.FromMilliseconds(10)));
        }
    }
}
