using System.Text.Json.Nodes;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Browser.Tests;

/// <summary>The HTML report's checklist coverage table in chromium: a covered item linked to its scenario with its verdicts, an uncovered one marked, hostile text inert.</summary>
[Category("Browser")]
public sealed class CoverageTableTests
{
    [Test]
    public async Task The_coverage_table_renders_a_covered_and_an_uncovered_item()
    {
        var checklist = SemanticsChecklist.Parse("c.md", """
            ## 2. Queue
            * Q-1 [D,V] Covered by a scenario.
            * Q-2 [D,V] Nobody pins this one <img src=x onerror="window.__pwned=1">.
            * Q-3 [T] Timing dependent.
            ## 5. Lock
            * L-8 [S,P] macOS only.
            """);
        var uncoverable = UncoverableList.Parse("u.txt", "L-8  macOS only; the suite runs on Linux\n", checklist);
        var scenario = new Scenario("queue/covered", "scenarios/queue/covered.yaml", new JsonObject { ["covers"] = new JsonArray("Q-1") }, 30,
            new Dictionary<string, (int, int)>());
        var coverage = Coverage.Build(checklist, uncoverable, [scenario]);
        RunResult[] results =
        [
            new("queue/covered", "cpython-3.11.7", Verdict.Pass, TimeSpan.FromSeconds(1), [], ["x"], null),
            new("queue/covered", "csharp", Verdict.Fail, TimeSpan.FromSeconds(1), [], ["y"], "differs"),
        ];
        var file = Path.Combine(Directory.CreateTempSubdirectory("conformance-browser-").FullName, "coverage.html");
        try
        {
            HtmlReport.Write(file, results, new Dictionary<string, string> { ["queue/covered"] = "covers Q-1" }, coverage);
            var page = await BrowserSession.NewPageAsync();
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            await page.WaitForSelectorAsync("body[data-ready=true]");

            var table = page.Locator("table#coverage");
            var covered = table.Locator("tr[data-item=\"Q-1\"]");
            var gap = table.Locator("tr[data-item=\"Q-2\"]");
            Assert.Multiple(async () =>
            {
                Assert.That(await table.Locator("tbody tr").CountAsync(), Is.EqualTo(4));
                Assert.That(await covered.GetAttributeAsync("data-status"), Is.EqualTo("covered"));
                Assert.That(await covered.Locator("a").TextContentAsync(), Is.EqualTo("queue/covered"));
                Assert.That(await covered.Locator("a").GetAttributeAsync("href"), Is.EqualTo("#s0"));
                Assert.That(await covered.Locator(".badge.v-pass").TextContentAsync(), Is.EqualTo("cpython-3.11.7: pass"));
                Assert.That(await covered.Locator(".badge.v-fail").TextContentAsync(), Is.EqualTo("csharp: fail"));
                Assert.That(await gap.GetAttributeAsync("data-status"), Is.EqualTo("gap"));
                Assert.That(await gap.Locator(".uncovered").IsVisibleAsync(), Is.True);
                Assert.That(await gap.Locator(".summary").TextContentAsync(), Does.Contain("<img src=x"), "the summary is shown as text");
                Assert.That(await gap.Locator("img").CountAsync(), Is.Zero);
                Assert.That(await table.Locator("tr[data-item=\"L-8\"] .uncoverable").TextContentAsync(), Is.EqualTo("uncoverable: macOS only; the suite runs on Linux"));
                Assert.That(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True);
                // The gap is drawn in the warning colour, not like a covered row.
                var gapColour = await gap.Locator("th").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
                var coveredColour = await covered.Locator("th").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
                Assert.That(gapColour, Is.Not.EqualTo(coveredColour));
            });

            // The link leads to the scenario's section of the report.
            await covered.Locator("a").ClickAsync();
            Assert.That(page.Url, Does.EndWith("#s0"));
            Assert.That(await page.Locator("details.scenario#s0").GetAttributeAsync("data-scenario"), Is.EqualTo("queue/covered"));
            await BrowserSession.ScreenshotAsync(table, "coverage-table");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
