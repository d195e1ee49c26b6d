using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>program_order: [SEL, ...]</c>: within each process, events of an earlier selector precede those of a later one.</summary>
internal static class ProgramOrderCheck
{
    public static CheckResult Check(ProgramOrderInvariant invariant, Trace trace)
    {
        var selectors = invariant.Steps;
        var matches = selectors.Select(s => s.Select(trace)).ToList();
        for (var i = 0; i < selectors.Count; i++)
        {
            if (matches[i].Count == 0)
                return CheckResult.NoMatch(selectors[i]);
        }

        var violations = new List<string>();
        var named = new List<TraceEvent>();
        foreach (var pid in matches.SelectMany(m => m).Select(e => e.Pid).Distinct())
        {
            var mine = matches.Select(m => m.Where(e => e.Pid == pid).ToList()).ToList();
            for (var j = 1; j < mine.Count; j++)
            {
                foreach (var b in mine[j])
                {
                    // Report each out-of-order event once, against the latest earlier-step event it precedes.
                    var a = Enumerable.Range(0, j)
                        .SelectMany(i => mine[i].Where(x => x.Index > b.Index).Select(x => (Step: i, Event: x)))
                        .OrderByDescending(x => x.Event.Index)
                        .FirstOrDefault();
                    if (a.Event is null)
                        continue;
                    named.AddRange([b, a.Event]);
                    violations.Add($"{trace.Describe(b)} (step {j + 1}) came before {trace.Describe(a.Event)} (step {a.Step + 1})");
                }
            }
        }

        var all = matches.SelectMany(m => m).DistinctBy(e => e.Index).ToList();
        return violations.Count == 0
            ? CheckResult.Pass($"{Evidence.Summary(all)}, each in order")
            : CheckResult.Fail($"out of order: {Evidence.Items(violations)}", named);
    }
}
