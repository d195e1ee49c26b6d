namespace Conformance.Harness.Running;

/// <summary>How one scenario fared on one backend.</summary>
public enum Verdict
{
    Pass,
    Fail,
    Error,
    Timeout,
    NotImplemented,
}

/// <summary>One invariant's outcome on one run.</summary>
/// <param name="Name">The invariant's name from the scenario.</param>
/// <param name="Kind">before, program_order, mutual_exclusion, max_concurrent, count, exactly_once, min_elapsed.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">Why it failed (naming the offending events), or a short summary when it passed.</param>
public sealed record InvariantOutcome(string Name, string Kind, bool Passed, string Detail);

/// <summary>The result of running one scenario on one backend.</summary>
public sealed record RunResult(
    string Scenario,
    string Backend,
    Verdict Verdict,
    TimeSpan Duration,
    IReadOnlyList<InvariantOutcome> Invariants,
    IReadOnlyList<string> Output,
    string? Message);

/// <summary>Wire names of verdicts, as used in reports.</summary>
public static class VerdictNames
{
    public static string ToWire(this Verdict v) => v switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Error => "error",
        Verdict.Timeout => "timeout",
        Verdict.NotImplemented => "not-implemented",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };
}
