using Conformance.Harness.Backends;
using Conformance.Harness.Running;

namespace Conformance.Tests.Running;

/// <summary>Crashes are errors that name the process, its exit code or signal and its last stderr lines; deaths the scenario causes are data.</summary>
[NonParallelizable]
public sealed class CrashTests
{
    private const string Nothing = """
        description: Main does nothing.
        features: [print]
        main: [pass]
        """;

    /// <summary>The scenario that does nothing, run once on <paramref name="backend"/> in a suite of its own.</summary>
    private static async Task<RunResult> RunNothing(CommandBackend backend)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/nothing", Nothing);
        return await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/nothing"), backend);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_runner_killed_by_SIGSEGV_is_an_error_with_the_signal_and_its_stderr_tail()
    {
        var result = await RunNothing(new CommandBackend("bash", "-c", "echo 'Fatal Python error: Segmentation fault' >&2; echo 'Current thread 0x1 (most recent call first):' >&2; kill -SEGV $$"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.Match(@"^the fake runner, MainProcess \(pid \d+\), was killed by signal 11 \(SIGSEGV\) \(exit code 139\): a crash of the backend itself"));
            Assert.That(result.Message, Does.Contain("stderr (last lines):\n  Fatal Python error: Segmentation fault\n  Current thread 0x1 (most recent call first):"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_runner_that_exits_with_an_unknown_code_is_an_error_naming_the_code()
    {
        var result = await RunNothing(new CommandBackend("bash", "-c", "echo 'usage: runner' >&2; exit 2"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.Match(@"^the fake runner, MainProcess \(pid \d+\), exited with code 2: "));
            Assert.That(result.Message, Does.Contain("\n  usage: runner"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_runner_that_cannot_start_is_an_error_and_the_next_run_goes_on()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/nothing", Nothing);
        var runner = new ScenarioRunner(suite.Paths);
        var scenario = suite.Load("harness-test/nothing");

        var missing = await runner.RunAsync(scenario, new CommandBackend("/nonexistent/conformance-runner"));
        var next = await runner.RunAsync(scenario, new CommandBackend("bash", "-c", "kill -KILL $$"));

        Assert.Multiple(() =>
        {
            Assert.That(missing.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(missing.Message, Does.StartWith("the fake runner did not start: /nonexistent/conformance-runner: "));
            Assert.That(next.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(next.Message, Does.Contain("was killed by signal 9 (SIGKILL) (exit code 137)"));
        });
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_child_killed_from_outside_the_run_is_an_error_naming_it(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/victim", """
            description: A child waits on an event nobody sets; the test kills it from outside.
            features: [Event, Process]
            timeout: 60
            functions:
              wait:
                params: [e]
                steps:
                  - call: e.wait
            main:
              - set: e
                to: {new: Event}
              - set: p
                to: {new: Process, kwargs: {target: $wait, args: [$e]}}
              - call: p.start
              - call: p.join
              - print: [exitcode, $p.exitcode]
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var since = DateTime.UtcNow;

        var run = new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/victim"), backend);
        var victim = await ChildPidFromBeginAsync("harness-test_victim." + backendId, since, run);
        Kill(victim, 9);
        var result = await run;

        TestContext.Out.WriteLine(result.Message);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.StartWith(
                $"Process-1 (pid {victim}) was killed by signal 9 (SIGKILL), which no process of the run sent (exit code -9, seen by its parent, pid "));
            Assert.That(result.Message, Does.Contain("a crash of the backend or a kill from outside the run"));
        });
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task Children_the_scenario_terminates_and_kills_are_its_data_not_errors(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/stops", """
            description: Main terminates one child and kills another, and a daemon is terminated at exit.
            features: [Event, Process]
            functions:
              wait:
                params: [e]
                steps:
                  - call: e.wait
            main:
              - set: e
                to: {new: Event}
              - set: p
                to: {new: Process, kwargs: {target: $wait, args: [$e]}}
              - set: q
                to: {new: Process, kwargs: {target: $wait, args: [$e]}}
              - set: d
                to: {new: Process, kwargs: {target: $wait, args: [$e], daemon: true}}
              - call: p.start
              - call: q.start
              - call: d.start
              - call: p.terminate
              - call: q.kill
              - call: p.join
              - call: q.join
              - print: [$p.exitcode, $q.exitcode]
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths);
        var scenario = suite.Load("harness-test/stops");

        var first = await runner.RunAsync(scenario, backend);

        // No verified snapshot exists in the temporary suite, so the run fails on that alone; what matters is that it is not an error.
        Assert.Multiple(() =>
        {
            Assert.That(first.Verdict, Is.EqualTo(Verdict.Fail), first.Message);
            Assert.That(first.Message, Does.Contain("no verified snapshot"));
            Assert.That(first.Message ?? "", Does.Not.Contain("killed by"));
        });
    }

    /// <summary>Waits for the child's <c>begin</c> event in the run's trace (its folder is the newest with <paramref name="prefix"/>) and returns its pid.</summary>
    private static async Task<int> ChildPidFromBeginAsync(string prefix, DateTime since, Task run)
    {
        while (!run.IsCompleted)
        {
            var folders = Directory.Exists(ScenarioRunner.WorkRoot)
                ? Directory.EnumerateDirectories(ScenarioRunner.WorkRoot, prefix + ".*").Where(d => Directory.GetCreationTimeUtc(d) >= since.AddSeconds(-1))
                : [];
            foreach (var folder in folders)
            {
                var trace = Path.Combine(folder, "trace.jsonl");
                if (!File.Exists(trace))
                    continue;
                using var stream = new FileStream(trace, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line.Contains("\"ev\": \"begin\"", StringComparison.Ordinal) || line.Contains("\"ev\":\"begin\"", StringComparison.Ordinal))
                        return System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("pid").GetInt32();
                }
            }
            await Task.Delay(50);
        }
        Assert.Fail($"the run ended before its child wrote begin: {(await (Task<RunResult>)run).Message}");
        return 0;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
