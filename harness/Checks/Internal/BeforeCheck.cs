using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>before: {first, then, quantifier}</c>: every <c>then</c> event comes after all (or any) <c>first</c> events.</summary>
internal static class BeforeCheck
{
    public static CheckResult Check(BeforeInvariant invariant, Trace trace)
    {
        var (first, then, all) = (invariant.First, invariant.Then, invariant.All);
        var firsts = first.Select(trace);
        var thens = then.Select(trace);
        if (firsts.Count == 0)
            return CheckResult.NoMatch(first);
        if (thens.Count == 0)
            return CheckResult.NoMatch(then);

        // An event matching both selectors is not "before itself", so it is ignored as its own witness.
        var early = all
            ? thens.Where(t => firsts.Any(f => f.Index > t.Index)).ToList()
            : thens.Where(t => !firsts.Any(f => f.Index < t.Index)).ToList();
        if (early.Count == 0)
            return CheckResult.Pass($"{Evidence.Plural(firsts.Count, "'first' event")} before {Evidence.Plural(thens.Count, "'then' event")}");
        var bound = all
            ? $"the last 'first' event {trace.Describe(firsts[^1])}"
            : $"any 'first' event (the earliest is {trace.Describe(firsts[0])})";
        return CheckResult.Fail($"{Evidence.Plural(early.Count, "'then' event")} came before {bound}: {Evidence.Events(trace, early)}",
            [.. early, all ? firsts[^1] : firsts[0]]);
    }
}
