using System.Text.Json;

namespace Conformance.Browser.Tests;

/// <summary>
/// A measurement, not a check: <c>CONFORMANCE_REPORT=report.html dotnet test tests/Conformance.Browser.Tests --filter
/// Name~Render_time</c> opens every scenario of a whole-suite report and prints each timeline's render time in chromium,
/// the largest trace's first.
/// </summary>
[Category("Browser")]
[Explicit("a measurement of a report named by CONFORMANCE_REPORT")]
public sealed class RenderTimeMeasurement
{
    [Test]
    public async Task Render_time_of_every_timeline_of_a_report()
    {
        var report = Environment.GetEnvironmentVariable("CONFORMANCE_REPORT");
        Assume.That(report, Is.Not.Null.And.Not.Empty, "set CONFORMANCE_REPORT to a report written by run --html");
        var page = await BrowserSession.NewPageAsync();
        await page.GotoAsync(new Uri(Path.GetFullPath(report!)).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.EvaluateAsync("() => document.querySelectorAll('details.scenario').forEach(d => d.open = true)");
        await page.WaitForFunctionAsync("() => window.__renderTimes.length === document.querySelectorAll('details.scenario').length");
        var times = JsonSerializer.Deserialize<JsonElement>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__renderTimes)"));
        var rows = times.EnumerateArray().Select(t => (Events: t.GetProperty("events").GetInt32(), Ms: t.GetProperty("ms").GetDouble(), Index: t.GetProperty("index").GetInt32()))
            .OrderByDescending(t => t.Events).ToList();
        foreach (var (events, ms, index) in rows.Take(10))
        {
            var id = await page.Locator($"details.scenario[data-index=\"{index}\"]").GetAttributeAsync("data-scenario");
            TestContext.Out.WriteLine($"{id}: {events} events rendered in {ms:0.0} ms");
        }
        TestContext.Out.WriteLine($"all {rows.Count} timelines: {rows.Sum(r => r.Ms):0} ms in total, the slowest {rows.Max(r => r.Ms):0.0} ms");
        Assert.That(rows, Is.Not.Empty);
    }
}
