using System.Text;
using Conformance.Backend.CSharp;
using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Trace = Conformance.Harness.Checks.Trace;

namespace Conformance.Tests.Running;

/// <summary>Chaos mode end to end: the seed reaches every process of both backends, and a chaos: false scenario never gets it.</summary>
[NonParallelizable] // Measures sleeps in real processes.
public sealed class ChaosModeTests
{
    private const int Seed = 11;

    private const string Polling = """
        description: Main and a child each make a run of traced calls.
        features: [Event, Process]
        timeout: 60
        functions:
          poll:
            params: [e]
            steps:
              - for: i
                in: {call: range, args: [8]}
                do:
                  - call: e.is_set
        main:
          - set: e
            to: {new: Event}
          - set: p
            to: {new: Process, kwargs: {target: $poll, args: [$e]}}
          - call: p.start
          - for: i
            in: {call: range, args: [8]}
            do:
              - call: e.is_set
          - call: p.join
        """;

    /// <summary>Sleeps are never shorter than asked; this only absorbs the two clocks' reading granularity.</summary>
    private const long ToleranceNs = 200_000;

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(180_000)]
    public async Task Every_process_sleeps_its_seeds_delays_between_one_traced_call_and_the_next(string backendId)
    {
        using var suite = new TempSuite();
        suite.Write("chaos/polling", Polling);
        var scenario = suite.Load("chaos/polling");

        var chaotic = await TraceOfAsync(scenario, Backend(backendId), new RunSettings { ChaosSeed = Seed });
        var calm = await TraceOfAsync(scenario, Backend(backendId), RunSettings.Default);

        var processes = ShortfallsByProcess(chaotic);
        Assert.Multiple(() =>
        {
            Assert.That(processes.Keys, Is.EquivalentTo(new[] { "MainProcess", "Process-1" }), "both processes made traced calls");
            foreach (var (process, shortfalls) in processes)
                Assert.That(shortfalls, Is.Empty, $"{process}: gaps shorter than (seed {Seed}, {process})'s delays");
            // The control: without the seed the same gaps are far shorter than those delays, so the check above can fail.
            Assert.That(ShortfallsByProcess(calm).Values.Sum(s => s.Count), Is.GreaterThan(0), "without chaos no gap should reach every predicted delay");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_chaos_false_scenario_is_run_without_the_seed_and_the_others_with_it()
    {
        using var suite = new TempSuite();
        suite.Write("chaos/bound", """
            description: A timing bound.
            features: [print]
            chaos: false
            chaos_reason: the claim is a timing bound
            main:
              - print: hello
            """);
        suite.Write("chaos/plain", """
            description: No timing bound.
            features: [print]
            main:
              - print: hello
            """);
        var backend = new RecordingBackend(new CSharpBackend());
        var runner = new ScenarioRunner(suite.Paths, new RunSettings { ChaosSeed = Seed });

        var bound = await runner.RunAsync(suite.Load("chaos/bound"), backend);
        var plain = await runner.RunAsync(suite.Load("chaos/plain"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(backend.Settings, Has.Count.EqualTo(2));
            // Both ran to the end; they fail only because nothing was accepted in this throw-away suite.
            Assert.That(bound.Message, Does.StartWith("no verified snapshot"));
            Assert.That(plain.Message, Does.StartWith("no verified snapshot"));
            Assert.That(backend.Settings[0].ChaosSeed, Is.Null);
            Assert.That(backend.Settings[0].Environment(), Does.Not.ContainKey(RunSettings.ChaosVariable));
            Assert.That(backend.Settings[1].ChaosSeed, Is.EqualTo(Seed));
            Assert.That(backend.Settings[1].Environment()[RunSettings.ChaosVariable], Is.EqualTo(Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    private static IBackend Backend(string id) => id == "cpython" ? new CPythonBackend() : new CSharpBackend();

    /// <summary>Runs the backend directly (ScenarioRunner deletes a passing run's trace) and loads its trace.</summary>
    private static async Task<Trace> TraceOfAsync(Scenario scenario, IBackend backend, RunSettings settings)
    {
        var work = Path.Combine(Path.GetTempPath(), "conformance-tests", "chaos-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(work, "tmp"));
        try
        {
            var json = Path.Combine(work, "scenario.json");
            var tracePath = Path.Combine(work, "trace.jsonl");
            await File.WriteAllTextAsync(json, scenario.Document.ToJsonString(), new UTF8Encoding(false));
            File.WriteAllBytes(tracePath, []);
            var run = await backend.RunAsync(scenario, json, tracePath, settings, CancellationToken.None);
            Assert.That(run.ExitCode, Is.EqualTo(BackendRun.Completed), run.StandardError);
            return Trace.Load(tracePath);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Per process, the gaps between a traced call's <c>return</c> and the next <c>call</c> that are shorter than the
    /// delays its (seed, name) generator draws there: the one after the first call plus the one before the second.
    /// </summary>
    private static Dictionary<string, List<string>> ShortfallsByProcess(Trace trace)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var process in trace.Events.Where(e => e.Ev is "call" or "return" or "raise").GroupBy(e => e.Pid))
        {
            var events = process.ToList();
            var name = events[0].Proc;
            var delays = new ChaosDelays(Seed, name);
            var draws = Enumerable.Range(0, events.Count).Select(_ => delays.NextMicroseconds()).ToList();
            var shortfalls = new List<string>();
            // Events alternate call, return: the k-th call is preceded by draw 2k, its return followed by draw 2k+1.
            for (var k = 0; 2 * k + 2 < events.Count; k++)
            {
                var (returned, next) = (events[2 * k + 1], events[2 * k + 2]);
                Assert.That((returned.Ev, next.Ev), Is.EqualTo(("return", "call")), $"{name}: traced calls do not nest in this scenario");
                var expected = (draws[2 * k + 1] + draws[2 * k + 2]) * 1000L;
                if (next.T - returned.T < expected - ToleranceNs)
                    shortfalls.Add($"{returned.Op} → {next.Op}: {(next.T - returned.T) / 1000} µs < {expected / 1000} µs");
            }
            result[name] = shortfalls;
        }
        return result;
    }

    /// <summary>A backend that records the settings of every run, then runs it with the real one.</summary>
    private sealed class RecordingBackend(IBackend inner) : IBackend
    {
        public List<RunSettings> Settings { get; } = [];

        public string Id => inner.Id;

        public BackendMarkers Markers => inner.Markers;

        public Task<string> DescribeAsync(CancellationToken ct) => inner.DescribeAsync(ct);

        public Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct)
        {
            Settings.Add(settings);
            return inner.RunAsync(scenario, scenarioJson, tracePath, settings, ct);
        }
    }
}
