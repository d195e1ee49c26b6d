using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>mutual_exclusion</c> and <c>max_concurrent</c>: how many processes are between their enter and exit at once.</summary>
internal static class ConcurrencyCheck
{
    public static CheckResult Check(ConcurrencyInvariant invariant, Trace trace)
    {
        var (enter, exit, limit, reached) = (invariant.Enter, invariant.Exit, invariant.Limit, invariant.Reached);
        var overLimit = invariant.Exclusive ? "not exclusive" : null;
        if (!trace.Events.Any(enter.Matches))
            return CheckResult.NoMatch(enter);
        if (!trace.Events.Any(exit.Matches))
            return CheckResult.NoMatch(exit);

        var intervals = Interval.Pair(trace, enter, exit);
        var crowded = new List<string>();
        var named = new List<TraceEvent>();
        var most = 0;
        foreach (var interval in intervals)
        {
            // The number inside can only grow at an enter, so looking at every enter finds the maximum.
            var others = intervals.Where(o => o.Contains(interval.Enter.Index)).ToList();
            most = Math.Max(most, others.Count + 1);
            if (others.Count + 1 > limit)
            {
                named.Add(interval.Enter);
                named.AddRange(others.SelectMany(o => o.Exit is null ? [o.Enter] : new[] { o.Enter, o.Exit }));
                crowded.Add($"{trace.Describe(interval.Enter)} entered while inside: {string.Join(", ", others)}");
            }
        }

        var processes = intervals.Select(i => i.Enter.Pid).Distinct().Count();
        var summary = $"{Evidence.Plural(intervals.Count, "stay")} by {Evidence.Plural(processes, "process", "processes")}, at most {most} inside at once";
        if (crowded.Count > 0)
            return CheckResult.Fail($"{overLimit ?? $"more than {limit} inside"}: {Evidence.Items(crowded)}", named);
        if (reached && most < limit)
            return CheckResult.Fail($"{summary}; expected {limit} at some point");
        return CheckResult.Pass(summary);
    }
}
