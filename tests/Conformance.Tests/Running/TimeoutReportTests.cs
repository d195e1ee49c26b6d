using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Tests.Checks;

namespace Conformance.Tests.Running;

/// <summary>The timeout report from a trace: each live process's last event, read as a bounded, tolerant stream.</summary>
public sealed class TimeoutReportTests
{
    [Test]
    public void Each_live_process_is_named_by_its_last_event_and_a_torn_last_line_is_skipped()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(trace, string.Join("\n",
            TraceLines.Meta(),
            TraceLines.Call(0.1, 100, "MainProcess", "q", "get"),
            TraceLines.Begin(0.2, 4242, "Process-3"),
            TraceLines.Return(0.4, 100, "MainProcess", "q", "get", "3"),
            TraceLines.Call(2.1, 4242, "Process-3", "sem", "acquire"),
            TraceLines.Call(2.2, 4242, "Process-3", "sem", "release")[..30]));
        try
        {
            var report = TimeoutReport.Render(
                [new LiveProcess(4242, "python3 -c …"), new LiveProcess(100, "runner"), new LiveProcess(4243, "resource tracker")], trace, 64 << 20);

            Assert.That(report, Is.EqualTo("""
                 Alive at the timeout, with their last event:
                  MainProcess (pid 100): return q.get -> 3 at +0.4 s
                  Process-3 (pid 4242): call sem.acquire at +2.1 s, no return
                  pid 4243 (resource tracker): no event
                """));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Test]
    public void Only_the_first_bytes_are_read_and_a_missing_trace_gives_no_events()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jsonl");
        var first = TraceLines.Meta() + "\n";
        File.WriteAllText(trace, first + TraceLines.Call(5, 100, "MainProcess", "e", "wait") + "\n");
        try
        {
            var bounded = TimeoutReport.Render([new LiveProcess(100, "runner")], trace, first.Length);
            var missing = TimeoutReport.Render([new LiveProcess(100, "runner")], trace + ".gone", 64 << 20);

            Assert.Multiple(() =>
            {
                Assert.That(bounded, Does.EndWith("MainProcess (pid 100): meta (started, before main) at +0.0 s"));
                Assert.That(missing, Does.EndWith("pid 100 (runner): no event"));
            });
        }
        finally
        {
            File.Delete(trace);
        }
    }
}
