using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Snapshots;

namespace Conformance.Tests.Running;

/// <summary>One scenario on the real CPython backend, end to end: snapshot life cycle, errors, timeouts.</summary>
[NonParallelizable]
public sealed class ScenarioRunnerTests
{
    private const string Hello = """
        description: A child prints a greeting.
        features: [Process]
        timeout: 30
        functions:
          greet:
            params: [who]
            steps:
              - print: [hello, $who]
        main:
          - set: p
            to: {new: Process, kwargs: {target: $greet, args: [world]}}
          - call: p.start
          - call: p.join
        invariants:
          - name: greeted-once
            count: {of: {process: Process-1, ev: print, text: '^hello world$'}, equals: 1}
        """;

    [Test]
    [CancelAfter(120_000)]
    public async Task A_new_scenario_fails_until_CPythons_output_is_accepted_then_passes_and_a_changed_snapshot_fails_with_a_diff()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/hello", Hello);
        var runner = new ScenarioRunner(suite.Paths);
        var scenario = suite.Load("harness-test/hello");
        var received = SnapshotStore.ReceivedPath(suite.Paths.Expected, scenario.Id, "cpython");
        var verified = SnapshotStore.VerifiedPath(suite.Paths.Expected, scenario.Id);

        var first = await runner.RunAsync(scenario, new CPythonBackend());
        Assert.Multiple(() =>
        {
            Assert.That(first.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(first.Message, Does.Contain("no verified snapshot"));
            Assert.That(File.ReadAllText(received), Does.Contain("  hello world\n").And.Contain("pass  greeted-once (count)"));
        });

        Assert.That(SnapshotStore.Accept(suite.Paths.Expected).Accepted, Is.EqualTo(new[] { scenario.Id }));
        var second = await runner.RunAsync(scenario, new CPythonBackend());
        Assert.That(second.Verdict, Is.EqualTo(Verdict.Pass), second.Message);
        Assert.That(second.Output, Is.EqualTo(new[] { "hello world" }));

        File.WriteAllText(verified, File.ReadAllText(verified).Replace("hello world", "hello there", StringComparison.Ordinal));
        var third = await runner.RunAsync(scenario, new CPythonBackend());
        Assert.Multiple(() =>
        {
            Assert.That(third.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(third.Message, Does.Contain("-  hello there").And.Contain("+  hello world"));
            Assert.That(File.Exists(received), "the received file is written beside the verified one");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task An_exception_in_main_is_an_error_located_at_its_step()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/raises", """
            description: Main raises.
            features: [errors]
            main:
              - print: before
              - raise: ValueError
                message: boom
            """);

        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/raises"), new CPythonBackend());

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.Contain("harness-test/raises.yaml:5:5: uncaught ValueError: boom"));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_failed_invariant_names_the_offending_events()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/wrong-claim", Hello.Replace("equals: 1", "equals: 2", StringComparison.Ordinal));

        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/wrong-claim"), new CPythonBackend());

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(result.Invariants.Single().Passed, Is.False);
            Assert.That(result.Message, Does.Contain("invariant greeted-once (count) failed").And.Match(@"#\d+ Process-1 \(pid \d+\) print 'hello world'"));
        });
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_hanging_run_is_killed_at_its_timeout_and_leaves_no_process_and_no_named_semaphore(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/hangs", """
            description: A child waits for an event nobody sets; main joins it.
            features: [Event, timeout]
            timeout: 5
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
            """);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/hangs"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Timeout));
            Assert.That(result.Message, Does.Contain("timed out after 5 s"));
            // The Event's semaphores are unlinked by the run's own resource tracker once the killed processes are gone.
            Assert.That(result.Message, Does.Not.Contain("named OS objects").And.Not.Contain("left processes"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
            Assert.That(Survivors("harness-test_hangs"), Is.Empty);
        });
    }

    /// <summary>Processes whose environment names a run folder of <paramref name="runPrefix"/> (every process of a run inherits it).</summary>
    private static List<string> Survivors(string runPrefix)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                var environ = File.ReadAllText($"{dir}/environ");
                if (environ.Contains($"{ScenarioRunner.WorkRoot}/{runPrefix}", StringComparison.Ordinal))
                    found.Add($"{pid}: {File.ReadAllText($"{dir}/cmdline").Replace('\0', ' ')}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
