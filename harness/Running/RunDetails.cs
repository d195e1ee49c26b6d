using Conformance.Harness.Checks;

namespace Conformance.Harness.Running;

/// <summary>What the HTML report draws of one run besides its verdict: the trace's events and the runner's stderr tail.</summary>
/// <param name="Events">The trace's events in file order (empty when the trace was unreadable or beyond the limit).</param>
/// <param name="TraceNote">Why events are missing or cut (an unreadable trace, a truncated last line, the event cap), or null.</param>
/// <param name="StderrTail">The last lines of the runner's stderr ("" when it wrote none).</param>
/// <param name="TimedOut">The run was stopped at its time limit: calls without a return were still waiting then.</param>
public sealed record RunDetails(IReadOnlyList<TraceEvent> Events, string? TraceNote, string StderrTail, bool TimedOut)
{
    /// <summary>The most events kept for a report; a longer trace is cut (and says so), so a report stays loadable.</summary>
    public const int MaxEvents = 50_000;
}
