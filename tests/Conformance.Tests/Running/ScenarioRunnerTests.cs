using System.Diagnostics;
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

    private const string Hangs = """
        description: A child blocks on a semaphore nobody releases; main joins it.
        features: [Semaphore, timeout]
        timeout: 5
        functions:
          wait:
            params: [sem]
            steps:
              - print: waiting
              - call: sem.acquire
        main:
          - set: sem
            to: {new: Semaphore, args: [0]}
          - set: p
            to: {new: Process, kwargs: {target: $wait, args: [$sem]}}
          - call: p.start
          - call: p.join
        """;

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_hanging_run_is_killed_at_its_timeout_and_leaves_no_process_and_no_named_semaphore(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/hangs", Hangs);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/hangs"), backend);

        TestContext.Out.WriteLine(result.Message);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Timeout));
            Assert.That(result.Message, Does.StartWith("timed out after 5 s (timeout: 5); its processes were killed. Alive at the timeout, with their last event:\n"));
            // Every live process with its last event: main blocked in join, the child in acquire (no return).
            Assert.That(result.Message, Does.Match(@"\n  MainProcess \(pid \d+\): call p\.join at \+\d+\.\d s, no return\n"));
            Assert.That(result.Message, Does.Match(@"\n  Process-1 \(pid \d+\): call sem\.acquire at \+\d+\.\d s, no return"));
            // The Semaphore is unlinked by the run's own resource tracker once the killed processes are gone.
            Assert.That(result.Message, Does.Not.Contain("named OS objects").And.Not.Contain("left processes"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
            Assert.That(Survivors(result, "harness-test_hangs"), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_timeout_multiplier_scales_the_limit_and_the_message_says_so()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/hangs", Hangs.Replace("timeout: 5", "timeout: 2", StringComparison.Ordinal));
        var runner = new ScenarioRunner(suite.Paths, new RunSettings { TimeoutMultiplier = 2.5 });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await runner.RunAsync(suite.Load("harness-test/hangs"), new CSharpBackend());

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Timeout));
            Assert.That(result.Message, Does.StartWith("timed out after 5 s (timeout: 2 × 2.5); "));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)), "the scaled limit, not the written one");
            Assert.That(runner.Settings.TimeLimit(suite.Load("harness-test/hangs")), Is.EqualTo(TimeSpan.FromSeconds(5)));
        });
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_run_that_prints_without_end_is_stopped_at_the_output_limit_long_before_its_timeout(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/floods", """
            description: Main prints a long string forever.
            features: [print]
            timeout: 60
            main:
              - set: s
                to: {mul: ["x", 100000]}
              - while: true
                do:
                  - print: $s
            """);
        var limits = new RunLimits { MaxOutputBytes = 4 * 1024 * 1024 };
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths, new RunSettings { Limits = limits });
        var scenario = suite.Load("harness-test/floods");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await runner.RunAsync(scenario, backend);

        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Out.WriteLine($"{backendId}: stopped after {elapsed.TotalSeconds:0.00} s, {allocated / 1e6:0.0} MB allocated by the harness; {result.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.StartWith("stopped: the run wrote ").And.Contain("of trace and output (limit 4 MiB); a scenario must not print or trace without bound"));
            Assert.That(result.Message, Does.Not.Contain("left processes").And.Not.Contain("named OS objects"));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "stopped at the limit, not at the 60 s timeout");
            // The flood passes through the harness (the runner's stdout) but is not kept: far less than the 4 MiB
            // limit stays, and reading it allocates little (the old whole-output buffers took several times the flood).
            Assert.That(result.Message!.Length, Is.LessThan(16 * 1024));
            Assert.That(allocated, Is.LessThan(32L * 1024 * 1024));
            Assert.That(Survivors(result, "harness-test_floods"), Is.Empty);
        });
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_run_that_starts_processes_without_end_is_stopped_at_the_process_limit(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/forks", """
            description: Main starts sleeping children forever.
            features: [Process]
            timeout: 60
            functions:
              nap:
                params: []
                steps:
                  - sleep: 60
            main:
              - while: true
                do:
                  - set: p
                    to: {new: Process, kwargs: {target: $nap}}
                  - call: p.start
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths, new RunSettings { Limits = new RunLimits { MaxProcesses = 8 } });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await runner.RunAsync(suite.Load("harness-test/forks"), backend);

        TestContext.Out.WriteLine($"{backendId}: stopped after {clock.Elapsed.TotalSeconds:0.00} s; {result.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.Match(@"^stopped: the run had (9|\d\d+) processes alive \(limit 8\); a scenario must not start processes without bound"));
            Assert.That(result.Message, Does.Not.Contain("left processes").And.Not.Contain("named OS objects"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(45)), "stopped at the limit, not at the 60 s timeout");
            Assert.That(Survivors(result, "harness-test_forks"), Is.Empty);
        });
    }

    /// <summary>
    /// A huge shared Array is refused by both interpreters before anything is allocated: CPython zero-fills it in a
    /// heap arena, on disk when /dev/shm is too small, faster than the memory limit notices (seen: a 20 s timeout).
    /// </summary>
    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_huge_shared_array_is_refused_before_it_is_allocated(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/huge-array", """
            description: Main asks for a shared array of a million million bytes.
            features: [Array]
            timeout: 60
            main:
              - set: a
                to: {new: Array, args: ["b", 1000000000000]}
              - sleep: 60
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths, new RunSettings());

        var result = await runner.RunAsync(suite.Load("harness-test/huge-array"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), result.Message);
            Assert.That(result.Message, Does.Contain("ScenarioViolation: a shared array of 1000000000000 items (the limit is 16777216) is not part of the scenario language"));
            Assert.That(Survivors(result, "harness-test_huge-array"), Is.Empty);
        });
    }

    /// <summary>
    /// A scenario's stderr regex that backtracks exponentially, on lines the run itself wrote (a child's traceback): the
    /// run fails naming the regex after one match timeout, instead of the harness crashing or stalling per line.
    /// </summary>
    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_pathological_stderr_regex_fails_the_run_naming_it(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/redos", """
            description: Children raise with a long message; the stderr regex backtracks exponentially on it.
            features: [Process, crash]
            functions:
              boom:
                params: []
                steps:
                  - raise: ValueError
                    message: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!
            main:
              - for: i
                in: {call: range, args: [3]}
                do:
                  - set: p
                    to: {new: Process, kwargs: {target: $boom}}
                  - call: p.start
                  - call: p.join
            output:
              stderr: ['^ValueError: (a+)+$']
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths, new RunSettings());
        var clock = Stopwatch.StartNew();

        var result = await runner.RunAsync(suite.Load("harness-test/redos"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail), result.Message);
            Assert.That(result.Message, Does.Contain("output rule regex '^ValueError: (a+)+$' timed out"));
            // Three such lines, one timeout: the normalisation stops at the first (a generous bound, not a speed check).
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        });
    }

    /// <summary>One step can take gigabytes before any output appears: the run is stopped by its processes' memory.</summary>
    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task A_run_that_builds_a_huge_value_is_stopped_at_the_memory_limit(string backendId)
    {
        using var suite = new TempSuite();
        // 600 million characters: 600 MB in CPython, 1.2 GB as .NET's UTF-16; bounded, so a broken limit costs a
        // timeout, not the machine.
        suite.Write("harness-test/hoards", """
            description: Main builds a 600-million-character string and holds it.
            features: [str]
            timeout: 60
            main:
              - set: big
                to: {mul: ["x", 600000000]}
              - sleep: 60
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths, new RunSettings { Limits = new RunLimits { MaxMemoryBytes = 256L * 1024 * 1024 } });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await runner.RunAsync(suite.Load("harness-test/hoards"), backend);

        TestContext.Out.WriteLine($"{backendId}: stopped after {clock.Elapsed.TotalSeconds:0.00} s; {result.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Message, Does.Match(@"^stopped: the run's processes held \d+(\.\d)? MiB of memory \(limit 256 MiB\); a scenario must not build values without bound"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(45)), "stopped at the limit, not at the 60 s timeout");
            Assert.That(Survivors(result, "harness-test_hoards"), Is.Empty);
        });
    }

    /// <summary>
    /// Processes whose environment names the run folder <paramref name="result"/> kept (every process of a run inherits
    /// it), or any run folder of <paramref name="runPrefix"/> when it kept none: the same scenario run by another suite
    /// on the machine at the same time (another checkout's tests) is not this run's.
    /// </summary>
    private static List<string> Survivors(RunResult result, string runPrefix)
    {
        var kept = System.Text.RegularExpressions.Regex.Match(result.Message ?? "", @"\(run files kept in (?<folder>/\S+)\)");
        var folder = kept.Success ? kept.Groups["folder"].Value + "/" : $"{ScenarioRunner.WorkRoot}/{runPrefix}";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                var environ = File.ReadAllText($"{dir}/environ");
                if (environ.Contains(folder, StringComparison.Ordinal))
                    found.Add($"{pid}: {File.ReadAllText($"{dir}/cmdline").Replace('\0', ' ')}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
