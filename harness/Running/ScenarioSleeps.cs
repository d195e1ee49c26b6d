using System.Text.Json;

namespace Conformance.Harness.Running;

/// <summary>
/// The time a run spent in the scenario's own <c>sleep</c> steps, read from the run's sleeps ledger
/// (<c>CONFORMANCE_SLEEPS</c>, docs/backend-authors.md): the largest sum of one process's sleeps. A run's overhead is
/// its wall time minus that: what starting runtimes, spawning children, tracing and judging cost beyond what the
/// scenario asked for. The largest per-process sum is a lower bound of the sleeps on the run's critical path (sleeps
/// of different processes may overlap or follow each other; only one process's are surely sequential), so the
/// overhead it gives is an upper bound, never flattered.
/// </summary>
internal static class ScenarioSleeps
{
    /// <summary>
    /// The largest per-process sum of the ledger's <c>seconds</c>; zero when there is no ledger (a backend that does
    /// not write one) or no sleep. Torn lines and records that are not a pid and a finite non-negative number are
    /// ignored: the ledger was written by processes running scenario data.
    /// </summary>
    public static TimeSpan Longest(string ledgerPath)
    {
        if (!File.Exists(ledgerPath))
            return TimeSpan.Zero;
        var perProcess = new Dictionary<int, double>();
        foreach (var line in File.ReadLines(ledgerPath))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("pid", out var pid) || pid.ValueKind != JsonValueKind.Number || !pid.TryGetInt32(out var p)
                    || !root.TryGetProperty("seconds", out var seconds) || seconds.ValueKind != JsonValueKind.Number
                    || seconds.GetDouble() is not (>= 0 and < MaxSeconds) || double.IsNaN(seconds.GetDouble()))
                    continue;
                perProcess[p] = perProcess.GetValueOrDefault(p) + seconds.GetDouble();
            }
            catch (JsonException)
            {
                // A torn line: its process was killed while writing it.
            }
        }
        return perProcess.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(perProcess.Values.Max(), MaxSeconds));
    }

    /// <summary>Above any run's time limit: a sleep the ledger claims beyond it cannot have happened within the run.</summary>
    private const double MaxSeconds = 24 * 3600;
}
