using System.Globalization;
using Conformance.Harness.Checks;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;

namespace Conformance.Browser.Tests;

/// <summary>A synthetic 5,000-event trace: drawn whole (lanes, bars, marks), its render time reported, and zoom works.</summary>
[Category("Browser")]
public sealed class LargeTraceTests
{
    private const int Processes = 10;
    private const int EventsPerProcess = 500; // begin, 166 × (call, return, print), end: about 10 × 500 = 5,000

    [Test]
    public async Task Five_thousand_events_are_drawn_and_zoom_rescales_the_time_axis()
    {
        var (result, calls, prints, middleCall) = Synthetic();
        var file = Path.Combine(Directory.CreateTempSubdirectory("conformance-browser-").FullName, "large.html");
        try
        {
            HtmlReport.Write(file, [result], new Dictionary<string, string> { ["synthetic/large"] = "5,000 synthetic events" });
            var page = await BrowserSession.NewPageAsync();
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            await page.WaitForSelectorAsync("body[data-ready=true]");

            var box = page.Locator(".timeline");
            var ms = double.Parse((await box.GetAttributeAsync("data-render-ms"))!, CultureInfo.InvariantCulture);
            // Reported, never asserted: timings swing on a shared machine.
            TestContext.Out.WriteLine($"render of {result.Details!.Events.Count} events in chromium: {ms:0.0} ms");
            Assert.Multiple(async () =>
            {
                Assert.That(await box.Locator("g.lane").CountAsync(), Is.EqualTo(Processes));
                Assert.That(await box.Locator("rect.bar").CountAsync(), Is.EqualTo(calls));
                Assert.That(await box.Locator(".ev-print").CountAsync(), Is.EqualTo(prints));
                Assert.That(await box.Locator(".ev-begin").CountAsync(), Is.EqualTo(Processes));
                Assert.That(await box.Locator(".ev-end").CountAsync(), Is.EqualTo(Processes - 1), "Process-1 never ended");
                Assert.That(await box.Locator("rect.bar.timedout").CountAsync(), Is.EqualTo(2), "the False acquire and the get that raised Empty");
                Assert.That(await box.Locator("rect.bar.open").CountAsync(), Is.EqualTo(1), "the wait without a return");
                Assert.That(await box.Locator(".timeout-mark").CountAsync(), Is.EqualTo(3), "each timed-out wait, and the wait cut by the run's timeout");
                Assert.That(await box.Locator(".hl").CountAsync(), Is.EqualTo(2), "the two events the invariant names");
            });

            // A bar in the middle of the run doubles in width when the view zooms in by 2 around the middle.
            var middle = box.Locator($"rect.bar[data-i=\"{middleCall}\"]");
            var before = double.Parse((await middle.GetAttributeAsync("width"))!, CultureInfo.InvariantCulture);
            await box.Locator("button[data-action=\"zoom in\"]").ClickAsync();
            await page.WaitForFunctionAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
            var after = double.Parse((await box.Locator($"rect.bar[data-i=\"{middleCall}\"]").GetAttributeAsync("width"))!, CultureInfo.InvariantCulture);
            Assert.That(after / before, Is.EqualTo(2).Within(0.05), $"width {before} before zooming in, {after} after");
            await BrowserSession.ScreenshotAsync(box, "five-thousand-events");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    /// <summary>Ten processes, each 500 events: begin, 166 (call, return, print) triples spread over 5 s, end.</summary>
    private static (RunResult Result, int Calls, int Prints, int MiddleCall) Synthetic()
    {
        var events = new List<TraceEvent>();
        var (calls, prints) = (0, 0);
        const long step = 1_000_000; // 1 ms between the events of one process
        for (var p = 0; p < Processes; p++)
        {
            var pid = 1000 + p;
            var name = p == 0 ? "MainProcess" : $"Process-{p}";
            var t = p * 100_000L;
            events.Add(new TraceEvent(0, t, pid, name, "begin"));
            for (var k = 0; k < (EventsPerProcess - 2) / 3; k++)
            {
                events.Add(new TraceEvent(0, t += step, pid, name, "call", Obj: "q", Type: "Queue", Op: "get", Args: []));
                events.Add(new TraceEvent(0, t += step, pid, name, "return", Obj: "q", Type: "Queue", Op: "get", Result: k.ToString(CultureInfo.InvariantCulture)));
                events.Add(new TraceEvent(0, t += step, pid, name, "print", Text: $"got {k}\n"));
                (calls, prints) = (calls + 1, prints + 1);
            }
            if (p == 1)
            {
                // Two waits that timed out (a False acquire given a timeout, a get that raised Empty) and a call that never returned.
                events.Add(new TraceEvent(0, t += step, pid, name, "call", Obj: "lock", Type: "Lock", Op: "acquire", Args: ["timeout=0.1"]));
                events.Add(new TraceEvent(0, t += step, pid, name, "return", Obj: "lock", Type: "Lock", Op: "acquire", Result: "False"));
                events.Add(new TraceEvent(0, t += step, pid, name, "call", Obj: "q", Type: "Queue", Op: "get", Args: ["timeout=0.1"]));
                events.Add(new TraceEvent(0, t += step, pid, name, "raise", Obj: "q", Type: "Queue", Op: "get", Error: "Empty", Message: ""));
                events.Add(new TraceEvent(0, t += step, pid, name, "call", Obj: "e", Type: "Event", Op: "wait", Args: []));
                calls += 3;
                continue; // this process is still waiting on e.wait() when the run is stopped
            }
            events.Add(new TraceEvent(0, t += step, pid, name, "end"));
        }
        // In time order, as a trace file is, indexed by position.
        var ordered = events.OrderBy(e => e.T).Select((e, i) => e with { Index = i }).ToList();
        var middleCall = ordered.First(e => e.Ev == "call" && e.Index >= ordered.Count / 2);
        var namedA = ordered.First(e => e.Ev == "print" && e.Index > 100);
        var namedB = ordered.Last(e => e.Ev == "print");
        var invariant = new InvariantOutcome("synthetic-order", "before", false, "synthetic") { Events = [namedA.Index, namedB.Index] };
        var result = new RunResult("synthetic/large", "cpython-3.11.7", Verdict.Timeout, TimeSpan.FromSeconds(5), [invariant], [], "synthetic")
        {
            Details = new RunDetails(ordered, null, "", TimedOut: true),
        };
        return (result, calls, prints, middleCall.Index);
    }
}
