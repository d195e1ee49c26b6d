using System.Text;
using Conformance.Harness.Running;

namespace Conformance.Harness.Reports;

/// <summary>The terminal listing of a <see cref="Coverage"/>: every item with its covering scenarios (and their verdicts, after a run), the gaps, the uncoverable items, a summary per section.</summary>
public static class CoverageText
{
    /// <summary>
    /// The listing; <paramref name="results"/> (a run's, or null for the <c>coverage</c> command) give each covering
    /// scenario's verdicts per backend; <paramref name="gapsOnly"/> leaves out the full item list.
    /// </summary>
    public static string Render(Coverage coverage, IReadOnlyList<RunResult>? results = null, bool gapsOnly = false)
    {
        var verdicts = (results ?? [])
            .GroupBy(r => (r.Scenario, r.Backend)).Select(g => g.Last())
            .GroupBy(r => r.Scenario, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => $"{r.Backend}: {r.Verdict.ToWire()}")), StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append($"coverage of {Scenarios.SemanticsChecklist.Where} by {coverage.ScenarioCount} scenario(s)\n");
        if (!gapsOnly)
        {
            var idWidth = coverage.Entries.Select(e => e.Item.Id.Length).DefaultIfEmpty(4).Max();
            var tagWidth = coverage.Entries.Select(e => e.Item.TagText.Length).DefaultIfEmpty(4).Max();
            foreach (var e in coverage.Entries)
            {
                var head = $"{e.Item.Id.PadRight(idWidth)}  {e.Item.TagText.PadRight(tagWidth)}  {(e.Item.Deterministic ? "deterministic    " : "not deterministic")}  ";
                if (e.Scenarios.Count == 0)
                {
                    text.Append(head).Append(e.UncoverableReason is { } reason ? $"uncoverable: {reason}" : e.Item.Deterministic ? "UNCOVERED" : "-").Append('\n');
                    continue;
                }
                for (var i = 0; i < e.Scenarios.Count; i++)
                {
                    var scenario = e.Scenarios[i];
                    text.Append(i == 0 ? head : new string(' ', head.Length)).Append(scenario);
                    if (verdicts.TryGetValue(scenario, out var v))
                        text.Append(" (").Append(v).Append(')');
                    text.Append('\n');
                }
            }
        }
        var gaps = coverage.Gaps;
        text.Append($"uncovered deterministic items: {gaps.Count}\n");
        foreach (var e in gaps)
            text.Append($"  {e.Item.Id}  {e.Item.Section}: {e.Item.Summary}\n");
        var uncoverable = coverage.Entries.Where(e => e.Status == "uncoverable").ToList();
        text.Append($"uncoverable items: {uncoverable.Count}\n");
        foreach (var e in uncoverable)
            text.Append($"  {e.Item.Id}  {e.UncoverableReason}\n");
        foreach (var line in coverage.SectionSummaries())
            text.Append(line).Append('\n');
        return text.ToString();
    }
}
