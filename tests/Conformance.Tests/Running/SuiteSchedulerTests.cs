using Conformance.Harness.Backends;
using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Running;

/// <summary>
/// <c>run --jobs N</c>'s scheduler: results in the order of a sequential run whatever order runs end in, a failing or
/// timed-out run beside passing ones, cancellation, <c>--jobs 1</c> as today's sequential run, and every check of a run
/// (named objects, TMPDIR, processes) about that run only while another runs beside it. The runners are shell scripts
/// run by the harness's own <see cref="RunnerProcess"/> (real processes, real ledgers, real timers).
/// </summary>
[NonParallelizable] // Its runs are real processes timed against their limits.
public sealed class SuiteSchedulerTests
{
    private const string Minimal = """
        description: Main prints.
        features: [print]
        timeout: 20
        main:
          - print: [hello]
        """;

    /// <summary>A valid trace of one print of <c>hello</c>, appended by the script's own process.</summary>
    private const string Trace =
        """printf '{"t": 1, "pid": %d, "proc": "MainProcess", "ev": "meta", "backend": "fake", "cpu_count": 2}\n{"t": 2, "pid": %d, "proc": "MainProcess", "ev": "print", "text": "hello\\n"}\n' $$ $$ >> "$CONFORMANCE_TRACE"; """;

    [Test]
    [CancelAfter(60_000)]
    public async Task Results_keep_the_order_of_the_items_when_a_later_run_ends_first()
    {
        using var suite = new Suite("first", "second", "third");
        var flag = Path.Combine(suite.Root, "second-ran");
        // "first" cannot end before "second" has run: with two jobs they overlap, so the end order is second, first.
        var backend = new ScriptBackend(id => id switch
        {
            "t/first" => $"""i=0; while [ ! -f '{flag}' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; [ -f '{flag}' ] || exit 9; {Trace}""",
            "t/second" => $"touch '{flag}'; {Trace}",
            _ => Trace,
        });
        var ended = new List<string>();
        var scheduler = new SuiteScheduler(new ScenarioRunner(suite.Paths), Expectations.None, jobs: 2)
        {
            RunEnded = (_, index, _, run) => ended.Add(run.Scenario),
        };

        var results = await scheduler.RunAsync(suite.Items(backend), repeat: 1);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Scenario), Is.EqualTo(new[] { "t/first", "t/second", "t/third" }));
            Assert.That(results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Pass), string.Join("\n", results.Select(r => r.Message)));
            Assert.That(ended.IndexOf("t/second"), Is.LessThan(ended.IndexOf("t/first")), "the runs overlapped: the second ended first");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_crashing_run_and_a_timed_out_run_do_not_stop_the_others_and_each_limit_counts_its_own_time()
    {
        using var suite = new Suite("crash", "slow", "ok1", "ok2");
        suite.Write("t/slow", Minimal.Replace("timeout: 20", "timeout: 2", StringComparison.Ordinal));
        var backend = new ScriptBackend(id => id switch
        {
            "t/crash" => "exit 7",
            "t/slow" => $"sleep 30; {Trace}",
            _ => Trace,
        });
        var results = await new SuiteScheduler(new ScenarioRunner(suite.Paths), Expectations.None, jobs: 2).RunAsync(suite.Items(backend), repeat: 2);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Error, Verdict.Timeout, Verdict.Pass, Verdict.Pass }),
                string.Join("\n", results.Select(r => r.Message)));
            Assert.That(results.Select(r => r.Runs.Count), Is.All.EqualTo(2));
            Assert.That(results[0].Message, Does.Contain("exited with code 7"));
            Assert.That(results[1].Message, Does.Contain("timed out after 2 s"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task One_job_runs_one_run_at_a_time_in_the_sequential_order_and_gives_the_results_of_several_jobs()
    {
        using var suite = new Suite("a", "b", "c");
        var backend = new ScriptBackend(id => id == "t/b" ? "exit 5" : Trace);
        var events = new List<string>();
        var sequential = await new SuiteScheduler(new ScenarioRunner(suite.Paths), Expectations.None, jobs: 1)
        {
            Starting = label => events.Add("start " + label),
            RunEnded = (label, _, _, _) => events.Add("end " + label),
        }.RunAsync(suite.Items(backend), repeat: 2);
        var parallel = await new SuiteScheduler(new ScenarioRunner(suite.Paths), Expectations.None, jobs: 3).RunAsync(suite.Items(backend), repeat: 2);

        var expected = new[] { "a", "b", "c" }.SelectMany(s => new[] { 1, 2 }.SelectMany(n => new[] { $"start t/{s} on fake (run {n}/2)", $"end t/{s} on fake (run {n}/2)" }));
        Assert.Multiple(() =>
        {
            Assert.That(events, Is.EqualTo(expected));
            Assert.That(parallel.Select(r => (r.Scenario, r.Backend, r.Verdict, r.Runs.Count)), Is.EqualTo(sequential.Select(r => (r.Scenario, r.Backend, r.Verdict, r.Runs.Count))));
            Assert.That(sequential.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Error, Verdict.Pass }));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Cancelling_stops_the_runs_in_flight_and_kills_their_processes()
    {
        using var suite = new Suite("a", "b", "c");
        var pids = Path.Combine(suite.Root, "pids");
        var backend = new ScriptBackend(_ => $"echo $$ >> '{pids}'; sleep 30; {Trace}");
        using var cancel = new CancellationTokenSource();
        var started = 0;
        var scheduler = new SuiteScheduler(new ScenarioRunner(suite.Paths), Expectations.None, jobs: 2)
        {
            Starting = _ =>
            {
                if (Interlocked.Increment(ref started) == 2)
                    cancel.CancelAfter(TimeSpan.FromSeconds(1));
            },
        };

        Assert.CatchAsync<OperationCanceledException>(() => scheduler.RunAsync(suite.Items(backend), repeat: 1, cancel.Token));

        var alive = File.Exists(pids) ? File.ReadAllLines(pids).Select(int.Parse).Where(ProcessTree.IsAlive).ToList() : [];
        Assert.Multiple(() =>
        {
            Assert.That(started, Is.EqualTo(2), "the third run never started");
            Assert.That(alive, Is.Empty, "no runner of a cancelled run is left");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Of_two_runs_at_once_only_the_one_that_leaks_is_blamed_and_only_its_leftovers_are_removed()
    {
        using var suite = new Suite("leaker", "clean");
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (leaked, cleanOwn) = ($"/dev/shm/sem.mp-{tag}l", $"/dev/shm/sem.mp-{tag}c");
        var together = Path.Combine(suite.Root, "together");
        // Both runs are alive at once (each waits for the other's mark): a global before/after diff would blame both.
        string Meet(string me, string other) =>
            $"""touch '{together}.{me}'; i=0; while [ ! -f '{together}.{other}' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; """;
        var backend = new ScriptBackend(id => id == "t/leaker"
            ? Meet("l", "c") + $$"""touch '{{leaked}}'; printf '{"pid": %d, "op": "register", "kind": "semaphore", "name": "/mp-{{tag}}l"}\n' $$ >> "$CONFORMANCE_OBJECTS"; """ +
              """touch "$TMPDIR/left-behind"; (sleep 30 >/dev/null 2>&1 &); """ + Trace
            : Meet("c", "l") + $$"""touch '{{cleanOwn}}'; printf '{"pid": %d, "op": "register", "kind": "semaphore", "name": "/mp-{{tag}}c"}\n{"pid": %d, "op": "unregister", "kind": "semaphore", "name": "/mp-{{tag}}c"}\n' $$ $$ >> "$CONFORMANCE_OBJECTS"; """ +
              $"rm '{cleanOwn}'; {Trace}");
        try
        {
            var results = await new SuiteScheduler(new ScenarioRunner(suite.Paths), Expectations.None, jobs: 2).RunAsync(suite.Items(backend), repeat: 1);

            Assert.Multiple(() =>
            {
                Assert.That(File.Exists($"{together}.l") && File.Exists($"{together}.c"), "both runs were alive at once");
                Assert.That(results[0].Verdict, Is.EqualTo(Verdict.Fail));
                Assert.That(results[0].Message, Does.Contain($"removed by the harness): sem.mp-{tag}l"));
                Assert.That(results[0].Message, Does.Contain("tmp/left-behind"));
                Assert.That(results[0].Message, Does.Contain("the run left processes alive"));
                Assert.That(results[0].Message, Does.Not.Contain($"{tag}c"));
                Assert.That(results[1].Verdict, Is.EqualTo(Verdict.Pass), results[1].Message);
                Assert.That(File.Exists(leaked), Is.False, "the leaker's own object is removed");
            });
        }
        finally
        {
            File.Delete(leaked);
            File.Delete(cleanOwn);
        }
    }

    [Test]
    public void A_run_s_sleeps_are_the_largest_sum_of_one_process_s_sleep_steps()
    {
        using var suite = new TempSuite();
        var ledger = Path.Combine(suite.Root, "sleeps.jsonl");
        File.WriteAllText(ledger, """
            {"pid": 10, "seconds": 0.5}
            {"pid": 11, "seconds": 0.25}
            {"pid": 10, "seconds": 0.25}
            {"pid": 11, "seconds": 0.25}
            {"pid": 12, "seconds": -5}
            {"pid": 12, "seconds": "1e9"}
            {"pid": 13, "seconds": 1e300}
            not json
            {"pid": 11, "seconds": 0.
            """.ReplaceLineEndings("\n"));

        var sleeps = ScenarioSleeps.Longest(ledger);
        var record = new RunRecord(Verdict.Pass, TimeSpan.FromSeconds(1.2)) { Sleeps = sleeps };

        Assert.Multiple(() =>
        {
            Assert.That(sleeps, Is.EqualTo(TimeSpan.FromSeconds(0.75)), "pid 10's 0.5 + 0.25; the invalid lines are ignored");
            Assert.That(record.Overhead.TotalSeconds, Is.EqualTo(0.45).Within(1e-9));
            Assert.That(new RunRecord(Verdict.Pass, TimeSpan.FromSeconds(0.5)) { Sleeps = sleeps }.Overhead, Is.EqualTo(TimeSpan.Zero), "never below zero");
            Assert.That(ScenarioSleeps.Longest(Path.Combine(suite.Root, "none.jsonl")), Is.EqualTo(TimeSpan.Zero));
            Assert.That(Harness.Reports.ConsoleTable.Median([3, 1, 2]), Is.EqualTo(2));
            Assert.That(Harness.Reports.ConsoleTable.Median([4, 1, 2, 3]), Is.EqualTo(2.5));
        });
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task Both_interpreters_ledger_every_sleep_of_every_process(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/sleeps", """
            description: Main sleeps 0.05 s twice; a child sleeps 0.2 s once.
            features: [process]
            functions:
              nap:
                params: []
                steps:
                  - sleep: 0.2
            main:
              - sleep: 0.05
              - set: p
                to: {new: Process, kwargs: {target: $nap}}
              - call: p.start
              - call: p.join
              - sleep: 0.05
              - print: [done]
            """);
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/sleeps"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(result.Message, Does.Contain("no verified snapshot"), "it ran to the end (this suite has no snapshot)");
            Assert.That(result.Runs[0].Sleeps.TotalSeconds, Is.EqualTo(0.2).Within(1e-9), "the child's 0.2 s, more than main's 2 × 0.05 s");
            Assert.That(result.Runs[0].Overhead, Is.EqualTo(result.Duration - result.Runs[0].Sleeps));
        });
        TestContext.Out.WriteLine($"{backendId}: {result.Duration.TotalSeconds:0.000} s, overhead {result.Runs[0].Overhead.TotalSeconds:0.000} s");
    }

    /// <summary>A temp suite of <c>t/NAME</c> scenarios that print hello, each with its verified snapshot.</summary>
    private sealed class Suite : IDisposable
    {
        private readonly TempSuite _suite = new();
        private readonly string[] _ids;

        public Suite(params string[] names)
        {
            _ids = [.. names.Select(n => "t/" + n)];
            foreach (var id in _ids)
            {
                Write(id, Minimal);
                // The snapshot of the trace every script writes: main printed hello (what any backend's run would render).
                var verified = Path.Combine(_suite.Paths.Expected, id + ".verified.txt");
                Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
                File.WriteAllText(verified, Harness.Snapshots.SnapshotText.Render(id, ["hello"], []));
            }
        }

        public string Root => _suite.Root;

        public SuitePaths Paths => _suite.Paths;

        public void Write(string id, string yaml) => _suite.Write(id, yaml);

        public List<(Scenario Scenario, IBackend Backend)> Items(IBackend backend) => [.. _ids.Select(id => (_suite.Load(id), backend))];

        public void Dispose() => _suite.Dispose();
    }

    /// <summary>A backend whose runner is <c>sh -c SCRIPT</c>, the script chosen by the scenario id, run by <see cref="RunnerProcess"/>.</summary>
    private sealed class ScriptBackend(Func<string, string> script) : IBackend
    {
        public string Id => "fake";

        public BackendMarkers Markers { get; } = new() { ObjectNames = [new System.Text.RegularExpressions.Regex("^/mp-")] };

        public Task<string> DescribeAsync(CancellationToken ct) => Task.FromResult("fake");

        public Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct) =>
            RunnerProcess.RunAsync(CliWrap.Cli.Wrap("/bin/sh").WithArguments(["-c", script(scenario.Id)]), scenarioJson, tracePath,
                settings.TimeLimit(scenario), settings.Limits, ct, markers: Markers);
    }
}
