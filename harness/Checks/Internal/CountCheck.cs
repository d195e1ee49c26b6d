using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>count: {of, equals | at_least | at_most}</c>: how many events match.</summary>
internal static class CountCheck
{
    private static readonly Dictionary<CountRelation, (string Words, Func<long, long, bool> Holds)> Relations = new()
    {
        [CountRelation.Equals] = ("exactly", (n, v) => n == v),
        [CountRelation.AtLeast] = ("at least", (n, v) => n >= v),
        [CountRelation.AtMost] = ("at most", (n, v) => n <= v),
    };

    public static CheckResult Check(CountInvariant invariant, Trace trace)
    {
        var of = invariant.Of;
        var events = of.Select(trace);
        var bounds = invariant.Bounds
            .OrderBy(b => b.Relation)
            .Select(b => (Relations[b.Relation].Words, Relations[b.Relation].Holds, Value: FactExpression.Evaluate(b.Value, trace.Facts)))
            .ToList();

        // Zero matches is a claim only when the scenario says so with equals: 0; otherwise it is a selector that missed.
        if (events.Count == 0 && !(bounds is [{ Words: "exactly", Value: 0 }]))
            return CheckResult.NoMatch(of);
        if (invariant.PerProcess)
            return PerProcess(trace, events, bounds);
        var broken = bounds.Where(b => !b.Holds(events.Count, b.Value)).ToList();
        if (broken.Count == 0)
            return CheckResult.Pass(Evidence.Summary(events));
        var expected = string.Join(" and ", broken.Select(b => $"{b.Words} {b.Value}"));
        var which = events.Count == 0 ? "" : $": {Evidence.Events(trace, events)}";
        return CheckResult.Fail($"{Evidence.Plural(events.Count, "event")} matched, expected {expected}{which}", events);
    }

    /// <summary>per_process: each process with a matching event (by pid: a name can be reused) has a count within the bounds.</summary>
    private static CheckResult PerProcess(Trace trace, IReadOnlyList<TraceEvent> events, List<(string Words, Func<long, long, bool> Holds, long Value)> bounds)
    {
        var groups = events.GroupBy(e => e.Pid).ToList();
        var problems = new List<string>();
        foreach (var g in groups)
        {
            var broken = bounds.Where(b => !b.Holds(g.Count(), b.Value)).ToList();
            if (broken.Count > 0)
            {
                var first = g.First();
                problems.Add($"{first.Proc} (pid {first.Pid}) had {Evidence.Plural(g.Count(), "event")}, expected {string.Join(" and ", broken.Select(b => $"{b.Words} {b.Value}"))}: {Evidence.Events(trace, [.. g])}");
            }
        }
        return problems.Count == 0
            ? CheckResult.Pass($"{Evidence.Plural(groups.Count, "process", "processes")} within the bounds: {Evidence.Summary(events)}")
            : CheckResult.Fail(string.Join("; ", problems));
    }
}
