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

    [Test]
    [CancelAfter(30_000)]
    public async Task A_run_that_floods_its_output_is_stopped_at_the_limit_and_leaves_no_process()
    {
        var value = $"/tmp/{Guid.NewGuid():N}.jsonl";
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", "yes flood & yes flood >&2; wait"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", value, TimeSpan.FromSeconds(20), new RunLimits { MaxOutputBytes = 1024 * 1024 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.LimitExceeded, Does.StartWith("the run wrote ").And.Contain("of trace and output (limit 1 MiB)"));
            Assert.That(run.TimedOut, Is.False);
            Assert.That(run.ExitCode, Is.Null);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(run.StandardOutput.Length + run.StandardError.Length, Is.LessThan(300 * 1024), "head and tail only");
            Assert.That(run.LeakedProcesses, Is.Empty);
            Assert.That(ProcessTree.WithEnvironment(Marker, value), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_run_whose_trace_grows_past_the_limit_is_stopped()
    {
        var value = $"/tmp/{Guid.NewGuid():N}.jsonl";
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", "yes '{\"t\": 1}' > \"$CONFORMANCE_TRACE\""]);
        try
        {
            var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", value, TimeSpan.FromSeconds(20), new RunLimits { MaxOutputBytes = 2 * 1024 * 1024 }, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(run.LimitExceeded, Does.Contain("of trace and output (limit 2 MiB)"));
                Assert.That(run.StandardOutput, Is.Empty, "the flood went to the trace only");
                Assert.That(new FileInfo(value).Length, Is.LessThan(512L * 1024 * 1024), "stopped within a poll or so");
                Assert.That(ProcessTree.WithEnvironment(Marker, value), Is.Empty);
            });
        }
        finally
        {
            File.Delete(value);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_run_with_more_processes_alive_than_the_limit_is_stopped_and_they_are_killed()
    {
        var value = $"/tmp/{Guid.NewGuid():N}.jsonl";
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", "for i in $(seq 20); do sleep 60 & done; wait"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", value, TimeSpan.FromSeconds(20), new RunLimits { MaxProcesses = 5 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.LimitExceeded, Does.Match(@"^the run had \d+ processes alive \(limit 5\); a scenario must not start processes without bound$"));
            Assert.That(run.ExitCode, Is.Null);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(run.LeakedProcesses, Is.Empty);
            Assert.That(ProcessTree.WithEnvironment(Marker, value), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_crash_with_a_huge_stderr_keeps_its_last_line_the_verdict()
    {
        var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c",
            "head -c 1000000 /dev/zero | tr '\\0' x >&2; echo >&2; echo 'scenario error at /main/0: ValueError: boom' >&2; exit 3"]);

        var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", $"/tmp/{Guid.NewGuid():N}.jsonl", TimeSpan.FromSeconds(20), RunLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3));
            Assert.That(run.LimitExceeded, Is.Null);
            Assert.That(run.LastErrorLine, Is.EqualTo("scenario error at /main/0: ValueError: boom"));
            Assert.That(run.StandardError.Length, Is.LessThan(2 * BoundedCapture.DefaultKeep + 100));
            Assert.That(run.StandardError, Does.Contain("bytes left out"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_backends_own_variables_survive_beside_the_contracts_and_the_settings()
    {
        var cleared = $"CONFORMANCE_TEST_CLEARED_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(cleared, "inherited");
        try
        {
            var command = CliWrap.Cli.Wrap("bash").WithArguments(["-c", $"echo \"${{{cleared}-cleared}} $CONFORMANCE_TRACE $CONFORMANCE_CHAOS\""])
                .WithEnvironmentVariables(env => env.Set(cleared, null));
            var trace = $"/tmp/{Guid.NewGuid():N}.jsonl";

            var run = await RunnerProcess.RunAsync(command, "/nonexistent/scenario.json", trace, TimeSpan.FromSeconds(20), RunLimits.Default,
                CancellationToken.None, new Dictionary<string, string> { ["CONFORMANCE_CHAOS"] = "7" });

            Assert.That(run.StandardOutput, Is.EqualTo($"cleared {trace} 7\n"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(cleared, null);
        }
    }
}
