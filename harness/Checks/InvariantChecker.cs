using System.Text.RegularExpressions;
using Conformance.Harness.Checks.Internal;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks;

/// <summary>Checks a scenario's typed <c>invariants</c> against the trace of one run (see docs/scenario-authors.md, "Invariants").</summary>
public static class InvariantChecker
{
    /// <summary>One outcome per invariant, in the scenario's order; none when it declares no invariants.</summary>
    public static IReadOnlyList<InvariantOutcome> Check(IReadOnlyList<Invariant> invariants, Trace trace) =>
        [.. invariants.Select(i => CheckOne(i, trace))];

    private static InvariantOutcome CheckOne(Invariant invariant, Trace trace)
    {
        try
        {
            var result = invariant switch
            {
                BeforeInvariant before => BeforeCheck.Check(before, trace),
                ProgramOrderInvariant order => ProgramOrderCheck.Check(order, trace),
                ConcurrencyInvariant concurrency => ConcurrencyCheck.Check(concurrency, trace),
                CountInvariant count => CountCheck.Check(count, trace),
                ExactlyOnceInvariant once => ExactlyOnceCheck.Check(once, trace),
                ElapsedInvariant elapsed => ElapsedCheck.Check(elapsed, trace),
                LinearizableInvariant linearizable => Internal.Linearizability.LinearizableCheck.Check(linearizable, trace),
                _ => throw new ArgumentException($"invariant '{invariant.Name}' has no check for its kind {invariant.Kind}"),
            };
            return new InvariantOutcome(invariant.Name, invariant.Kind, result.Passed, result.Detail) { Events = result.Events };
        }
        catch (RegexMatchTimeoutException e)
        {
            // A pathological regex is the scenario's fault for this invariant only; the other invariants still count.
            return new InvariantOutcome(invariant.Name, invariant.Kind, false, $"regex '{e.Pattern}' timed out on '{e.Input}'");
        }
    }
}
