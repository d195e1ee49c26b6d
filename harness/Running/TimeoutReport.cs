using System.Globalization;
using System.Text;
using Conformance.Harness.Backends;
using Conformance.Harness.Checks;

namespace Conformance.Harness.Running;

/// <summary>What every process of a timed-out run was doing when its limit expired: its name and its last trace event.</summary>
internal static class TimeoutReport
{
    /// <summary>The longest args, result or text quoted per event.</summary>
    private const int Shown = 60;

    /// <summary>
    /// One line per process alive at the timeout, those seen in the trace first (in order of appearance, so the main
    /// process leads), e.g. <c>Process-3 (pid 4242): call sem.acquire at +2.1 s, no return</c> or
    /// <c>pid 4243 (resource tracker): no event</c>; "" when none was captured.
    /// </summary>
    public static string Render(IReadOnlyList<LiveProcess> alive, string tracePath, long maxBytes)
    {
        if (alive.Count == 0)
            return "";
        var events = LastEvents.Read(tracePath, maxBytes);
        var ordered = alive
            .OrderBy(p => events.FirstSeen.TryGetValue(p.Pid, out var n) ? n : int.MaxValue)
            .ThenBy(p => p.Pid);
        var text = new StringBuilder(" Alive at the timeout, with their last event:");
        foreach (var process in ordered)
        {
            text.Append("\n  ");
            if (events.ByPid.TryGetValue(process.Pid, out var last))
            {
                var at = ((last.T - (events.Start ?? last.T)) / 1e9).ToString("0.0", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{last.Proc} (pid {process.Pid}): {What(last)} at +{at} s{(last.Ev == "call" ? ", no return" : "")}");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"pid {process.Pid} ({(process.Role.Length == 0 ? "gone before it could be named" : process.Role)}): no event");
            }
        }
        return text.ToString();
    }

    private static string What(TraceEvent e) => e.Ev switch
    {
        "call" => $"call {e.Obj}.{e.Op}{(e.Args is { Count: > 0 } args ? $"({Shorten(string.Join(", ", args))})" : "")}",
        "return" => $"return {e.Obj}.{e.Op} -> {Shorten(e.Result ?? "")}",
        "raise" => $"raise {e.Obj}.{e.Op} !{e.Error}: {Shorten(e.Message ?? "")}",
        "print" => $"print {Quote(Shorten((e.Text ?? "").TrimEnd('\n')))}",
        "crash" => $"crash {e.Error}: {Shorten(e.Message ?? "")}",
        "meta" => "meta (started, before main)",
        "task_begin" or "task_end" => $"{e.Ev} {Shorten(Checks.Selection.TaskLine(e))}",
        _ => e.Ev,
    };

    private static string Shorten(string s) => s.Length <= Shown ? s : string.Concat(s.AsSpan(0, Shown), "…");

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n") + "'";
}
