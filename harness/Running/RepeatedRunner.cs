using System.Globalization;
using Conformance.Harness.Backends;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Snapshots;

namespace Conformance.Harness.Running;

/// <summary>
/// Stability mode (web-platform-tests' stability check): a scenario runs N times on a backend, every run is recorded,
/// and runs that differ in verdict or snapshot make the result <c>inconsistent</c>. Then the expectations apply.
/// </summary>
public sealed class RepeatedRunner(ScenarioRunner runner, Expectations expectations)
{
    /// <summary>A run above this share of the scenario's time limit makes the result <see cref="RunResult.Slow"/>.</summary>
    public const double SlowShare = 0.8;

    /// <summary>Runs <paramref name="scenario"/> <paramref name="repeat"/> times; <paramref name="onRun"/> sees each run as it ends.</summary>
    public async Task<RunResult> RunAsync(Scenario scenario, IBackend backend, int repeat, Action<int, RunResult>? onRun = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var runs = new List<RunResult>(repeat);
        for (var i = 1; i <= repeat; i++)
        {
            var run = await runner.RunAsync(scenario, backend, ct).ConfigureAwait(false);
            runs.Add(run);
            onRun?.Invoke(i, run);
        }
        return expectations.Apply(Combine(runs, runner.Settings.TimeLimit(scenario)), backend.Id);
    }

    /// <summary>One result for several runs of one scenario on one backend.</summary>
    /// <param name="runs">The runs, in order (at least one).</param>
    /// <param name="timeLimit">The time limit each run had, for <see cref="RunResult.Slow"/>.</param>
    public static RunResult Combine(IReadOnlyList<RunResult> runs, TimeSpan timeLimit)
    {
        var first = runs[0];
        var records = runs.Select(r => new RunRecord(r.Verdict, r.Duration) { Sleeps = r.Runs.Count == 1 ? r.Runs[0].Sleeps : TimeSpan.Zero }).ToList();
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Duration);
        var slow = runs.Any(r => r.Duration > timeLimit * SlowShare);
        var combined = first with { Duration = total, Runs = records, Slow = slow };
        var differing = runs.Skip(1).Select((r, i) => (Run: r, Number: i + 2))
            .FirstOrDefault(x => x.Run.Verdict != first.Verdict || x.Run.Snapshot != first.Snapshot);
        if (differing.Run is null)
            return runs.Count == 1 || first.Verdict == Verdict.Pass ? combined : combined with { Message = $"{first.Message}\n(the same in all {runs.Count} runs)" };

        var tally = string.Join(", ", runs.GroupBy(r => r.Verdict)
            .Select(g => $"{g.Key.ToWire()} {g.Count().ToString(CultureInfo.InvariantCulture)}/{runs.Count.ToString(CultureInfo.InvariantCulture)}"));
        var message = $"{tally}; run {differing.Number} is the first to differ from run 1";
        if (differing.Run.Snapshot is { } theirs && first.Snapshot is { } ours && theirs != ours)
            message += $":\n{UnifiedDiff.Create(ours, theirs, "run 1", $"run {differing.Number}").TrimEnd()}";
        var firstNonPass = runs.Select((r, i) => (Run: r, Number: i + 1)).FirstOrDefault(x => x.Run.Verdict != Verdict.Pass);
        if (firstNonPass.Run?.Message is { } why)
            message += $"\nrun {firstNonPass.Number} ({firstNonPass.Run.Verdict.ToWire()}): {why}";
        return combined with { Verdict = Verdict.Inconsistent, Message = message };
    }
}
