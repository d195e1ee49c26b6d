using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks;

/// <summary>How a scenario's <see cref="EventSelector"/> picks trace events.</summary>
public static class Selection
{
    /// <summary>Whether <paramref name="e"/> matches every key of <paramref name="selector"/>.</summary>
    public static bool Matches(this EventSelector selector, TraceEvent e) =>
        (selector.Process is null || selector.Process.IsMatch(e.Proc))
        && (selector.Ev is null || selector.Ev == e.Ev)
        && (selector.Obj is null || selector.Obj == e.Obj)
        && (selector.Ops is null || (e.Op is not null && selector.Ops.Contains(e.Op)))
        && (selector.Text is null || (MatchedLine(e) is { } line && selector.Text.IsMatch(line)))
        && (selector.Result is null || selector.Result == e.Result)
        && (selector.Error is null || selector.Error == e.Error);

    /// <summary>The events of <paramref name="trace"/> <paramref name="selector"/> matches, in trace order.</summary>
    public static IReadOnlyList<TraceEvent> Select(this EventSelector selector, Trace trace) => [.. trace.Events.Where(selector.Matches)];

    /// <summary>
    /// What the <c>text</c> regex sees: a print's text without its final newline, or a pool task's line
    /// (<see cref="TaskLine"/>); null for other events.
    /// </summary>
    public static string? MatchedLine(TraceEvent e) =>
        e.Ev is "task_begin" or "task_end" ? TaskLine(e) : e.Text is null ? null : PrintedLine(e);

    /// <summary>A pool task event as text: <c>fn(arg, ...) chunk i</c>, e.g. <c>do_calculation(3) chunk 0</c>.</summary>
    public static string TaskLine(TraceEvent e) => $"{e.Fn}({string.Join(", ", e.Args ?? [])}) chunk {e.Chunk}";

    /// <summary>A print's text as the <c>text</c> regex sees it: without its final newline.</summary>
    public static string PrintedLine(TraceEvent e) =>
        e.Text is { } t && t.EndsWith('\n') ? t[..^1] : e.Text ?? "";
}
