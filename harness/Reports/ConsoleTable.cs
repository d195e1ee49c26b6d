using System.Text;
using Conformance.Harness.Running;

namespace Conformance.Harness.Reports;

/// <summary>A plain-text table of verdicts, scenario by backend, for the terminal.</summary>
public static class ConsoleTable
{
    private const string Gap = "  ";

    /// <summary>Rows per scenario and columns per backend (in order of first appearance), then a totals line.</summary>
    public static string Render(IReadOnlyList<RunResult> results)
    {
        var backends = results.Select(r => r.Backend).Distinct().ToList();
        var scenarios = results.Select(r => r.Scenario).Distinct().ToList();
        var cells = results.GroupBy(r => (r.Scenario, r.Backend)).ToDictionary(g => g.Key, g => Cell(g.Last().Verdict));
        var rows = new List<string[]> { (string[])["scenario", .. backends] };
        rows.AddRange(scenarios.Select(s => (string[])[s, .. backends.Select(b => cells.GetValueOrDefault((s, b), "-"))]));
        var widths = Enumerable.Range(0, backends.Count + 1).Select(c => rows.Max(r => r[c].Length)).ToList();

        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(Gap, row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        var counts = Enum.GetValues<Verdict>()
            .Select(v => (Verdict: v, Count: results.Count(r => r.Verdict == v)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {Cell(x.Verdict)}");
        text.Append($"total: {results.Count} results");
        if (results.Count > 0)
            text.Append(": ").Append(string.Join(", ", counts));
        return text.Append('\n').ToString();
    }

    /// <summary>
    /// <c>overhead per run (median): cpython 0.412 s, csharp 0.118 s (wall time minus the scenario's sleeps)</c>: per
    /// backend in order of first appearance, the median of every run's <see cref="RunRecord.Overhead"/>.
    /// </summary>
    public static string Overheads(IReadOnlyList<RunResult> results)
    {
        var medians = results.GroupBy(r => r.Backend)
            .Select(g => $"{g.Key} {Median(g.SelectMany(r => r.Runs).Select(run => run.Overhead.TotalSeconds)):0.000} s");
        return $"overhead per run (median): {string.Join(", ", medians)} (wall time minus the scenario's sleeps)";
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count); 0 when empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
            return 0;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Cell(Verdict v) => v switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "FAIL",
        Verdict.Error => "ERROR",
        Verdict.Timeout => "TIMEOUT",
        Verdict.NotImplemented => "NOT-IMPL",
        Verdict.Inconsistent => "INCONSISTENT",
        Verdict.UnexpectedPass => "UNEXPECTED-PASS",
        Verdict.ExpectedFail or Verdict.ExpectedError or Verdict.ExpectedTimeout or Verdict.ExpectedNotImplemented => v.ToWire(),
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };
}
