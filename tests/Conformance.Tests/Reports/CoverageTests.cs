using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Reports;

/// <summary>The checklist coverage: built from <c>covers:</c> and <c>uncoverable.txt</c>, and as the terminal, JSON and HTML reports show it.</summary>
public sealed class CoverageTests
{
    private const string Hostile = "</script><img src=x onerror=alert(3)>&amp;";

    private static readonly SemanticsChecklist Checklist = SemanticsChecklist.Parse("c.md", $"""
        ## 1. Process
        * P-1 [D,V] Names come from a counter.
        * P-2 [D,V] Exit codes. More text.
        * P-3 [T] Timing dependent.
        * P-4 [S,P] Windows only.
        ## 2. Queue
        * Q-1 [D,V] {Hostile} is escaped.
        * Q-2 [D,V] Never covered.
        """);

    private static readonly UncoverableList Uncoverable = UncoverableList.Parse("u.txt", "P-4  Windows only; the suite runs on Linux\n", Checklist);

    private static Scenario Scenario(string id, params string[] covers) =>
        new(id, $"scenarios/{id}.yaml", new JsonObject { ["covers"] = new JsonArray([.. covers.Select(c => (JsonNode?)c)]) }, 30,
            new Dictionary<string, (int, int)> { ["/covers/0"] = (3, 10) });

    private static Coverage Sample() => Coverage.Build(Checklist, Uncoverable,
        [Scenario("process/names", "P-1", "P-3"), Scenario("process/more-names", "P-1"), Scenario("queue/hostile", "Q-1"), Scenario("queue/plain")]);

    private static readonly RunResult[] Results =
    [
        new("process/names", "cpython-3.11.7", Verdict.Pass, TimeSpan.FromSeconds(1), [], [], null),
        new("process/names", "csharp", Verdict.Fail, TimeSpan.FromSeconds(1), [], [], "differs"),
        new("queue/hostile", "csharp", Verdict.Pass, TimeSpan.FromSeconds(1), [], [], null),
    ];

    [Test]
    public void Each_item_has_its_covering_scenarios_or_its_reason_and_the_gaps_are_the_uncovered_deterministic_ones()
    {
        var coverage = Sample();
        Assert.Multiple(() =>
        {
            Assert.That(coverage.Entries.Select(e => $"{e.Item.Id}:{e.Status}:{string.Join("+", e.Scenarios)}"), Is.EqualTo(new[]
            {
                "P-1:covered:process/more-names+process/names",
                "P-2:uncovered:",
                "P-3:covered:process/names",
                "P-4:uncoverable:",
                "Q-1:covered:queue/hostile",
                "Q-2:uncovered:",
            }));
            Assert.That(coverage.Gaps.Select(e => e.Item.Id), Is.EqualTo(new[] { "P-2", "Q-2" }));
            Assert.That(coverage.ScenarioCount, Is.EqualTo(4));
            Assert.That(coverage.SectionSummaries(), Is.EqualTo(new[]
            {
                "1. Process: 4 items, 2 deterministic, 2 covered, 1 uncoverable, 1 uncovered",
                "2. Queue: 2 items, 2 deterministic, 1 covered, 0 uncoverable, 1 uncovered",
            }));
        });
    }

    [Test]
    public void The_terminal_listing_shows_items_verdicts_gaps_reasons_and_sums()
    {
        var text = CoverageText.Render(Sample(), Results);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith($"coverage of {SemanticsChecklist.Where} by 4 scenario(s)\n"));
            Assert.That(text, Does.Contain("P-1  [D,V]  deterministic      process/more-names\n"));
            Assert.That(text, Does.Contain("\n" + new string(' ', "P-1  [D,V]  deterministic      ".Length) + "process/names (cpython-3.11.7: pass, csharp: fail)\n"));
            Assert.That(text, Does.Contain("P-2  [D,V]  deterministic      UNCOVERED\n"));
            Assert.That(text, Does.Contain("P-4  [S,P]  not deterministic  uncoverable: Windows only; the suite runs on Linux\n"));
            Assert.That(text, Does.Contain("uncovered deterministic items: 2\n  P-2  1. Process: Exit codes.\n  Q-2  2. Queue: Never covered.\n"));
            Assert.That(text, Does.Contain("uncoverable items: 1\n  P-4  Windows only; the suite runs on Linux\n"));
            Assert.That(text, Does.EndWith("2. Queue: 2 items, 2 deterministic, 1 covered, 0 uncoverable, 1 uncovered\n"));
        });
        var gapsOnly = CoverageText.Render(Sample(), gapsOnly: true);
        Assert.That(gapsOnly, Does.Not.Contain("process/names").And.Contain("uncovered deterministic items: 2"));
    }

    [Test]
    public void The_json_report_gets_a_coverage_array_and_nothing_else_changes()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(stream, Results, Sample());
        using var doc = JsonDocument.Parse(stream.ToArray());
        var coverage = doc.RootElement.GetProperty("coverage");
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "schema_version", "results", "summary", "coverage" }));
            Assert.That(doc.RootElement.GetProperty("schema_version").GetInt32(), Is.EqualTo(JsonReport.SchemaVersion));
            Assert.That(coverage.GetArrayLength(), Is.EqualTo(6));
            var first = coverage[0];
            Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "item", "section", "tags", "deterministic", "summary", "status", "scenarios", "reason" }));
            Assert.That(first.GetProperty("item").GetString(), Is.EqualTo("P-1"));
            Assert.That(first.GetProperty("section").GetString(), Is.EqualTo("1. Process"));
            Assert.That(first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "D", "V" }));
            Assert.That(first.GetProperty("scenarios").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "process/more-names", "process/names" }));
            Assert.That(first.GetProperty("reason").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(coverage[3].GetProperty("status").GetString(), Is.EqualTo("uncoverable"));
            Assert.That(coverage[3].GetProperty("reason").GetString(), Does.StartWith("Windows only"));
            Assert.That(coverage[3].GetProperty("deterministic").GetBoolean(), Is.False);
            Assert.That(coverage[5].GetProperty("status").GetString(), Is.EqualTo("uncovered"));
        });
        using var without = new MemoryStream();
        JsonReport.Write(without, Results);
        using var plain = JsonDocument.Parse(without.ToArray());
        Assert.That(plain.RootElement.TryGetProperty("coverage", out _), Is.False, "no coverage array without a checklist");
    }

    [Test]
    public void The_html_report_has_a_coverage_table_with_links_verdicts_gaps_and_escaped_text()
    {
        var html = HtmlReport.Render(Results, null, Sample());
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<table class=\"coverage\" id=\"coverage\">"));
            Assert.That(html, Does.Contain("<tr class=\"c-covered\" data-item=\"P-1\" data-status=\"covered\" data-deterministic=\"true\">"));
            Assert.That(html, Does.Contain("<a href=\"#s0\">process/names</a> <span class=\"badge v-pass\" data-backend=\"cpython-3.11.7\">cpython-3.11.7: pass</span> <span class=\"badge v-fail\" data-backend=\"csharp\">csharp: fail</span>"));
            Assert.That(html, Does.Contain("process/more-names <span class=\"none\">(not run)</span>"), "a covering scenario without a result is not linked");
            Assert.That(html, Does.Contain("<tr class=\"c-gap\" data-item=\"P-2\" data-status=\"gap\""));
            Assert.That(html, Does.Contain("<span class=\"uncovered\">uncovered</span>"));
            Assert.That(html, Does.Contain("uncoverable: Windows only; the suite runs on Linux"));
            Assert.That(html, Does.Not.Contain("<img"));
            Assert.That(html, Does.Contain("&lt;/script&gt;&lt;img src=x onerror=alert(3)&gt;&amp;amp;"));
        });
        Assert.That(HtmlReport.Render(Results), Does.Not.Contain("id=\"coverage\""), "no table without a checklist");
    }
}
