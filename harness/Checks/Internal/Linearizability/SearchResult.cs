using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>What the search concluded about one part of a history.</summary>
/// <param name="Verdict">Linearizable, not, or undecided (the budget ran out).</param>
/// <param name="Longest">The longest linearizable prefix it found, in linearization order.</param>
/// <param name="Blocked">The first operation that could not be placed after it (a failure), or null.</param>
/// <param name="State">The model's state after <see cref="Longest"/>.</param>
internal sealed record SearchResult(SearchVerdict Verdict, IReadOnlyList<LinearOperation> Longest, LinearOperation? Blocked, PyValue State);

/// <summary>The search's verdict.</summary>
internal enum SearchVerdict
{
    /// <summary>Some order explains every result.</summary>
    Linearizable,

    /// <summary>No order does.</summary>
    NotLinearizable,

    /// <summary>The budget ran out first.</summary>
    Undecided,
}
