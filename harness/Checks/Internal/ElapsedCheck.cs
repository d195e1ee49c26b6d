using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary>
/// <c>min_elapsed</c> / <c>max_elapsed: {from, to, seconds}</c>: in each process, each <c>from</c> event is followed by
/// its next <c>to</c> event no sooner (no later) than that; every pair counts, and there must be at least one.
/// </summary>
internal static class ElapsedCheck
{
    public static CheckResult Check(ElapsedInvariant invariant, Trace trace)
    {
        var (from, to, seconds) = (invariant.From, invariant.To, invariant.Seconds);
        var froms = from.Select(trace);
        var tos = to.Select(trace);
        if (froms.Count == 0)
            return CheckResult.NoMatch(from);
        if (tos.Count == 0)
            return CheckResult.NoMatch(to);

        var pairs = froms
            .Select(f => (From: f, To: tos.FirstOrDefault(t => t.Pid == f.Pid && t.Index > f.Index)))
            .Where(p => p.To is not null)
            .Select(p => (p.From, To: p.To!, Elapsed: (p.To!.T - p.From.T) / 1e9))
            .ToList();
        if (pairs.Count == 0)
            return CheckResult.Fail($"no 'from' event was followed by a 'to' event in its own process: {Evidence.Events(trace, froms)}", froms);
        var broken = pairs.Where(p => invariant.AtMost ? p.Elapsed > seconds : p.Elapsed < seconds).ToList();
        if (broken.Count > 0)
        {
            return CheckResult.Fail($"{(invariant.AtMost ? "more" : "less")} than {Evidence.Seconds(seconds)}: " + Evidence.Items(broken.Select(p =>
                $"{trace.Describe(p.From)} -> #{p.To.Index} took {Evidence.Seconds(p.Elapsed)}")), broken.SelectMany(p => new[] { p.From, p.To }));
        }
        var processes = pairs.Select(p => p.From.Pid).Distinct().Count();
        var extreme = invariant.AtMost ? $"longest {Evidence.Seconds(pairs.Max(p => p.Elapsed))}" : $"shortest {Evidence.Seconds(pairs.Min(p => p.Elapsed))}";
        return CheckResult.Pass($"{Evidence.Plural(pairs.Count, "pair")} in {Evidence.Plural(processes, "process", "processes")}, {extreme}");
    }
}
