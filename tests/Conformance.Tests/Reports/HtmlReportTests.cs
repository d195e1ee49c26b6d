using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Harness.Checks;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;

namespace Conformance.Tests.Reports;

/// <summary>The HTML report's text (its rendering in chromium is tested in tests/Conformance.Browser.Tests).</summary>
public sealed partial class HtmlReportTests
{
    private const string Hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;";

    private static readonly RunResult[] Results =
    [
        new(Hostile, "cpython-3.11.7", Verdict.Fail, TimeSpan.FromSeconds(1), [new InvariantOutcome("order", "before", false, Hostile) { Events = [1, 2] }], [Hostile], Hostile)
        {
            SnapshotDiff = $"--- verified\n+++ received\n-{Hostile}\n+x\n",
            ExpectationReason = Hostile,
            Details = new RunDetails(
                [
                    new TraceEvent(0, 0, 1, "MainProcess", "meta", Backend: "cpython-3.11.7", CpuCount: 2),
                    new TraceEvent(1, 1_000_000, 2, Hostile, "begin"),
                    new TraceEvent(2, 2_000_000, 2, Hostile, "print", Text: Hostile + "\n"),
                ], null, Hostile, TimedOut: false),
        },
        new(Hostile, "csharp", Verdict.Pass, TimeSpan.FromSeconds(1), [], [], null),
    ];

    [Test]
    public void Hostile_text_is_escaped_in_the_markup_and_in_the_embedded_data()
    {
        var html = HtmlReport.Render(Results, new Dictionary<string, string> { [Hostile] = Hostile });

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script>alert"));
            Assert.That(html, Does.Not.Contain("<img"));
            Assert.That(ScriptTag().Matches(html), Has.Count.EqualTo(2), "only the report's own two script elements");
            Assert.That(html, Does.Contain("&lt;/script&gt;&lt;script&gt;alert(1)"), "shown as text");
        });
    }

    [Test]
    public void The_embedded_data_is_the_traces_and_the_named_events()
    {
        var html = HtmlReport.Render(Results);
        var json = DataScript().Match(html).Groups[1].Value;
        using var data = JsonDocument.Parse(json);
        var result = data.RootElement[0][0];

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("backend").GetString(), Is.EqualTo("cpython-3.11.7"));
            Assert.That(result.GetProperty("invariants")[0].GetProperty("events").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
            var print = result.GetProperty("events")[2];
            Assert.That(print[3].GetString(), Is.EqualTo(Hostile), "the process name, intact once parsed");
            Assert.That(print[4].GetString(), Is.EqualTo("print"));
            Assert.That(print[7].GetString(), Is.EqualTo(Hostile), "the printed text without its newline");
            Assert.That(print[1].GetDouble(), Is.EqualTo(2.0), "milliseconds since the first event");
            Assert.That(data.RootElement[0][1].GetProperty("note").GetString(), Does.Contain("no trace kept"));
        });
    }

    [Test]
    public void The_matrix_has_a_cell_per_scenario_and_backend_with_verdict_duration_and_reason()
    {
        var html = HtmlReport.Render(Results);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<th data-backend=\"cpython-3.11.7\">cpython-3.11.7</th><th data-backend=\"csharp\">csharp</th>"));
            Assert.That(html, Does.Contain("class=\"v-fail\" data-backend=\"cpython-3.11.7\" data-verdict=\"fail\""));
            Assert.That(html, Does.Contain("<span class=\"dur\">1.00 s</span>"));
            Assert.That(html, Does.Contain("<span class=\"reason\">&lt;/script&gt;"));
            Assert.That(html, Does.Contain("<span class=\"del\">-&lt;/script&gt;"), "the diff's removed line");
        });
    }

    [GeneratedRegex("<script[ >]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();
}
