using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Running;

namespace Conformance.Tests.Backends;

/// <summary>The runner launcher's guarantees: a time limit on the whole tree, and no process of a run outliving it.</summary>
[NonParallelizable]
public sealed class RunnerProcessTests
{
    private const string Marker = RunnerProcess.TraceVariable;

    [Test]
    [CancelAfter(30_000)]
    public async Task A_run_that_outlives_its_time_limit_is_killed_with_its_children()
    {
        var value = $"/tmp/{Guid.NewGuid():N}.jsonl"; // a trace path no other run has
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", "sleep 60 & sleep 60; wait"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", value, TimeSpan.FromSeconds(1), RunLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.TimedOut, Is.True);
            Assert.That(run.ExitCode, Is.Null);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(ProcessTree.WithEnvironment(Marker, value), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_process_left_behind_by_a_finished_run_is_reported_and_killed()
    {
        var value = $"/tmp/{Guid.NewGuid():N}.jsonl"; // a trace path no other run has
        // The background sleep is orphaned when bash exits: exactly what a child that was never joined looks like.
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", "sleep 60 >/dev/null 2>&1 & echo started"]);

        var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", value, TimeSpan.FromSeconds(20), RunLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.StandardOutput, Is.EqualTo("started\n"));
            Assert.That(run.LeakedProcesses, Has.Count.EqualTo(1).And.Some.Contains("sleep 60"));
            Assert.That(ProcessTree.WithEnvironment(Marker, value), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_clean_run_reports_its_exit_code_and_no_leak()
    {
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", "echo oops >&2; exit 3"]);

        var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", $"/tmp/{Guid.NewGuid():N}.jsonl", TimeSpan.FromSeconds(20), RunLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3));
            Assert.That(run.TimedOut, Is.False);
            Assert.That(run.LastErrorLine, Is.EqualTo("oops"));
            Assert.That(run.LeakedProcesses, Is.Empty);
        });
    }
}
