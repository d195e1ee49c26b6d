namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// The work one <c>linearizable</c> check may do, shared by the parts of its history: model steps tried and states
/// memoised. Deciding linearizability is NP-complete; past the budget the answer is "undecided", never a hang or
/// memory without bound.
/// </summary>
internal sealed class SearchBudget(long maxSteps, long maxStates)
{
    /// <summary>The budget of a scenario's check (docs/scenario-authors.md, "linearizable").</summary>
    public static SearchBudget Default() => new(DefaultSteps, DefaultStates);

    /// <summary>Model steps a scenario's check may try.</summary>
    public const long DefaultSteps = 2_000_000;

    /// <summary>(linearized set, state) pairs it may memoise.</summary>
    public const long DefaultStates = 500_000;

    public long MaxSteps { get; } = maxSteps;

    public long MaxStates { get; } = maxStates;

    public long Steps { get; private set; }

    public long States { get; private set; }

    public bool Exhausted => Steps >= MaxSteps || States >= MaxStates;

    public void Step() => Steps++;

    public void Remember() => States++;
}
