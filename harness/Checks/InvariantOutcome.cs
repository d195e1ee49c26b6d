namespace Conformance.Harness.Checks;

/// <summary>One invariant's outcome on one run.</summary>
/// <param name="Name">The invariant's name from the scenario.</param>
/// <param name="Kind">before, program_order, mutual_exclusion, max_concurrent, count, exactly_once, min_elapsed, max_elapsed, linearizable.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">Why it failed (naming the offending events), or a short summary when it passed.</param>
public sealed record InvariantOutcome(string Name, string Kind, bool Passed, string Detail)
{
    /// <summary>The trace indices (<see cref="TraceEvent.Index"/>) of the events a failure names, in order; empty on a pass.</summary>
    public IReadOnlyList<int> Events { get; init; } = [];
}
