using System.Text;
using Conformance.Harness.Running;

namespace Conformance.Harness.Reports;

/// <summary>The report's coverage table: every checklist item, its tags, the scenarios covering it (linked, with their verdicts), or why none does.</summary>
public static partial class HtmlReport
{
    private static void CoverageTable(StringBuilder html, Coverage coverage, List<string> scenarios, List<string> backends, Dictionary<(string, string), RunResult> cells)
    {
        var index = scenarios.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var gaps = coverage.Gaps.Count;
        html.Append("<section class=\"coverage\"><h2>Checklist coverage</h2><p class=\"totals\">")
            .Append(E($"{coverage.Entries.Count(e => e.Status == "covered")} of {coverage.Entries.Count} items of {Scenarios.SemanticsChecklist.Where} covered by the {coverage.ScenarioCount} scenario(s) of this run; {gaps} deterministic item(s) uncovered; {coverage.Entries.Count(e => e.Status == "uncoverable")} uncoverable here."))
            .Append("</p>\n<ul class=\"coverage-sections\">");
        foreach (var line in coverage.SectionSummaries())
            html.Append("<li>").Append(E(line)).Append("</li>");
        html.Append("</ul>\n<table class=\"coverage\" id=\"coverage\">\n<thead><tr><th>item</th><th>tags</th><th>section</th><th>covered by</th></tr></thead>\n<tbody>\n");
        foreach (var e in coverage.Entries)
        {
            var status = e.IsGap ? "gap" : e.Status;
            html.Append("<tr class=\"c-").Append(status).Append("\" data-item=\"").Append(E(e.Item.Id)).Append("\" data-status=\"").Append(status)
                .Append("\" data-deterministic=\"").Append(e.Item.Deterministic ? "true" : "false").Append("\"><th title=\"").Append(E(e.Item.Summary)).Append("\">")
                .Append(E(e.Item.Id)).Append("</th><td>").Append(E(e.Item.TagText)).Append(e.Item.Deterministic ? "" : " <span class=\"nd\">not deterministic</span>")
                .Append("</td><td>").Append(E(e.Item.Section)).Append("</td><td>");
            if (e.Scenarios.Count == 0)
            {
                html.Append(e.UncoverableReason is { } reason
                    ? "<span class=\"uncoverable\">uncoverable: " + E(reason) + "</span>"
                    : e.Item.Deterministic ? "<span class=\"uncovered\">uncovered</span>" : "<span class=\"none\">-</span>");
                html.Append("<div class=\"summary\">").Append(E(e.Item.Summary)).Append("</div>");
            }
            foreach (var id in e.Scenarios)
            {
                html.Append("<div class=\"cover\" data-scenario=\"").Append(E(id)).Append("\">");
                if (index.TryGetValue(id, out var i))
                {
                    html.Append("<a href=\"#s").Append(i).Append("\">").Append(E(id)).Append("</a>");
                    foreach (var b in backends)
                    {
                        if (cells.TryGetValue((id, b), out var r))
                            html.Append(" <span class=\"badge v-").Append(r.Verdict.ToWire()).Append("\" data-backend=\"").Append(E(b)).Append("\">")
                                .Append(E(b)).Append(": ").Append(r.Verdict.ToWire()).Append("</span>");
                    }
                }
                else
                {
                    html.Append(E(id)).Append(" <span class=\"none\">(not run)</span>");
                }
                html.Append("</div>");
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }
}
