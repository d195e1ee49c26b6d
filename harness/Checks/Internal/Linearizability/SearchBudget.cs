namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// The work one <c>linearizable</c> check may do, shared by the parts of its history: model steps tried, and the size
/// of what it memoises ((linearized set, state) pairs, counted in words of the set plus values of the state).
/// Deciding linearizability is NP-complete; past the budget the answer is "undecided", never a hang or memory
/// without bound.
/// </summary>
internal sealed class SearchBudget(long maxSteps, long maxMemo)
{
    /// <summary>Model steps a scenario's check may try.</summary>
    public const long DefaultSteps = 1_000_000;

    /// <summary>Memoised words and values a scenario's check may keep (some 8 bytes each, plus the sets' overhead).</summary>
    public const long DefaultMemo = 2_000_000;

    public long MaxSteps { get; } = maxSteps;

    public long MaxMemo { get; } = maxMemo;

    public long Steps { get; private set; }

    public long Memo { get; private set; }

    public bool Exhausted => Steps >= MaxSteps || Memo >= MaxMemo;

    /// <summary>The budget of a scenario's check (docs/scenario-authors.md, "linearizable").</summary>
    public static SearchBudget Default() => new(DefaultSteps, DefaultMemo);

    public void Step() => Steps++;

    public void Remember(long size) => Memo += size;
}
