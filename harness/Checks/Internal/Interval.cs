using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary>One process's stay inside a region: from an enter event to its next exit (none: inside until the end).</summary>
internal sealed record Interval(TraceEvent Enter, TraceEvent? Exit)
{
    /// <summary>Whether this process is inside when the event at <paramref name="index"/> happens.</summary>
    public bool Contains(int index) => Enter.Index < index && (Exit is null || Exit.Index > index);

    /// <summary>"Consumer-1 (#3..#8)" for messages.</summary>
    public override string ToString() => $"{Enter.Proc} (pid {Enter.Pid}, #{Enter.Index}..{(Exit is null ? "end" : "#" + Exit.Index)})";

    /// <summary>Pairs each process's enter events with its next exit, in trace order.</summary>
    public static List<Interval> Pair(Trace trace, EventSelector enter, EventSelector exit)
    {
        var open = new Dictionary<int, TraceEvent>();
        var intervals = new List<Interval>();
        foreach (var e in trace.Events)
        {
            // A nested enter (e.g. a re-entrant lock) while already inside does not start a new stay.
            if (open.TryGetValue(e.Pid, out var since))
            {
                if (exit.Matches(e))
                {
                    intervals.Add(new Interval(since, e));
                    open.Remove(e.Pid);
                }
            }
            else if (enter.Matches(e))
            {
                open[e.Pid] = e;
            }
        }
        intervals.AddRange(open.Values.Select(e => new Interval(e, null)));
        return [.. intervals.OrderBy(i => i.Enter.Index)];
    }
}
