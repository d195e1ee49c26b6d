using Conformance.Harness.Backends;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Running;

/// <summary>
/// Runs every scenario × backend × repeat of a suite, up to <c>jobs</c> runs at once (<c>run --jobs N</c>), and returns
/// one combined result per scenario × backend in the order given, whatever order the runs end in: the table and the
/// reports read the same as a sequential run's. Every run is independent (its own folder, TMPDIR, ledgers, process
/// marker and timer, <see cref="ScenarioRunner"/>), so nothing of one run is judged, killed or removed for another; a
/// run that throws becomes an error result and the others go on. With one job the runs happen in exactly the order
/// of a sequential run (<see cref="RepeatedRunner"/>): each scenario's repeats, then the next backend, then the next
/// scenario.
/// </summary>
/// <param name="runner">Runs and judges one run.</param>
/// <param name="expectations">Applied to each combined result, as <see cref="RepeatedRunner"/> does.</param>
/// <param name="jobs">Runs at once, at least 1.</param>
public sealed class SuiteScheduler(ScenarioRunner runner, Expectations expectations, int jobs)
{
    /// <summary>How many runs happen at once.</summary>
    public int Jobs { get; } = jobs >= 1 ? jobs : throw new ArgumentOutOfRangeException(nameof(jobs), jobs, "--jobs takes a whole number of at least 1");

    /// <summary>A run starts: its label (<c>queue/put-get on csharp</c>, with <c> (run 2/3)</c> under --repeat).</summary>
    public Action<string>? Starting { get; init; }

    /// <summary>A run ended: its label, the item's index, the run's number (1-based) and its own result. Called from any thread, one call at a time.</summary>
    public Action<string, int, int, RunResult>? RunEnded { get; init; }

    /// <summary>Every run of an item ended: its index and the combined result. Called from any thread, one call at a time.</summary>
    public Action<int, RunResult>? ItemEnded { get; init; }

    private readonly object _gate = new();

    /// <summary>Runs <paramref name="repeat"/> runs of every item; the results are in the order of <paramref name="items"/>.</summary>
    public async Task<IReadOnlyList<RunResult>> RunAsync(IReadOnlyList<(Scenario Scenario, IBackend Backend)> items, int repeat, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var runs = new RunResult?[items.Count][];
        for (var i = 0; i < items.Count; i++)
            runs[i] = new RunResult?[repeat];
        var left = Enumerable.Repeat(repeat, items.Count).ToArray();
        var combined = new RunResult?[items.Count];
        var next = -1;

        async Task Worker()
        {
            int unit;
            while ((unit = Interlocked.Increment(ref next)) < items.Count * repeat)
            {
                ct.ThrowIfCancellationRequested();
                var (index, number) = (unit / repeat, unit % repeat + 1);
                var (scenario, backend) = items[index];
                var label = repeat > 1 ? $"{scenario.Id} on {backend.Id} (run {number}/{repeat})" : $"{scenario.Id} on {backend.Id}";
                lock (_gate)
                    Starting?.Invoke(label);
                RunResult run;
                try
                {
                    run = await runner.RunAsync(scenario, backend, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // One run's failure is its own verdict: the rest of the suite still runs.
                    run = new RunResult(scenario.Id, backend.Id, Verdict.Error, TimeSpan.Zero, [], [],
                        $"the harness failed while running it: {e.GetType().Name}: {e.Message}") { Runs = [new RunRecord(Verdict.Error, TimeSpan.Zero)] };
                }
                lock (_gate)
                {
                    runs[index][number - 1] = run;
                    RunEnded?.Invoke(label, index, number, run);
                    if (--left[index] == 0)
                    {
                        combined[index] = expectations.Apply(RepeatedRunner.Combine([.. runs[index].Select(r => r!)], runner.Settings.TimeLimit(scenario)), backend.Id);
                        ItemEnded?.Invoke(index, combined[index]!);
                    }
                }
            }
        }

        // Task.Run: a worker's synchronous part (process start, /proc scans) must not hold up the others.
        var workers = Enumerable.Range(0, Math.Min(Jobs, Math.Max(1, items.Count * repeat))).Select(_ => Task.Run(Worker, CancellationToken.None)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return [.. combined.Select(r => r!)];
    }
}
