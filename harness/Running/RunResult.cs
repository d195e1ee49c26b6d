using Conformance.Harness.Checks;

namespace Conformance.Harness.Running;

/// <summary>How one scenario fared on one backend (README, "Verdicts").</summary>
public enum Verdict
{
    /// <summary>Every run passed, with the same snapshot.</summary>
    Pass,

    /// <summary>An invariant failed, the output differs from the snapshot, or the run leaked.</summary>
    Fail,

    /// <summary>The scenario raised, the runner crashed, a child died unasked, or the run was stopped for a limit.</summary>
    Error,

    /// <summary>The run outlived its time limit.</summary>
    Timeout,

    /// <summary>The backend lacks something the scenario uses.</summary>
    NotImplemented,

    /// <summary>Runs of <c>--repeat</c> differ in verdict or snapshot: the scenario passes or fails by luck.</summary>
    Inconsistent,

    /// <summary>A failure listed in <c>expected/expectations.yaml</c>.</summary>
    ExpectedFail,

    /// <summary>An error listed in <c>expected/expectations.yaml</c>.</summary>
    ExpectedError,

    /// <summary>A timeout listed in <c>expected/expectations.yaml</c>.</summary>
    ExpectedTimeout,

    /// <summary>A not-implemented listed in <c>expected/expectations.yaml</c>.</summary>
    ExpectedNotImplemented,

    /// <summary>A scenario listed in <c>expected/expectations.yaml</c> that passed: the entry is stale.</summary>
    UnexpectedPass,
}

/// <summary>One run of a scenario on a backend (of the <c>--repeat</c> runs behind a <see cref="RunResult"/>).</summary>
/// <param name="Verdict">The run's own verdict (pass, fail, error, timeout, not-implemented).</param>
/// <param name="Duration">Its wall time.</param>
public sealed record RunRecord(Verdict Verdict, TimeSpan Duration)
{
    /// <summary>The scenario's own sleeps in this run: the largest per-process sum of its <c>sleep</c> steps (<see cref="ScenarioSleeps"/>).</summary>
    public TimeSpan Sleeps { get; init; }

    /// <summary>What the run cost beyond the scenario's sleeps: <see cref="Duration"/> minus <see cref="Sleeps"/>, never below zero.</summary>
    public TimeSpan Overhead => Duration > Sleeps ? Duration - Sleeps : TimeSpan.Zero;
}

/// <summary>The result of running one scenario on one backend.</summary>
public sealed record RunResult(
    string Scenario,
    string Backend,
    Verdict Verdict,
    TimeSpan Duration,
    IReadOnlyList<InvariantOutcome> Invariants,
    IReadOnlyList<string> Output,
    string? Message)
{
    /// <summary>Every run behind this result, in order (one unless <c>--repeat</c>); empty until the suite runner fills it.</summary>
    public IReadOnlyList<RunRecord> Runs { get; init; } = [];

    /// <summary>Some run took more than 80% of the scenario's time limit: close to turning into a timeout.</summary>
    public bool Slow { get; init; }

    /// <summary>The normalised snapshot text of this run (null when it was not judged on its output), to compare runs.</summary>
    public string? Snapshot { get; init; }

    /// <summary>The unified diff verified → received when the output differed (or had no snapshot); null otherwise.</summary>
    public string? SnapshotDiff { get; init; }

    /// <summary>The reason of the <c>expected/expectations.yaml</c> entry that lists this result, or null.</summary>
    public string? ExpectationReason { get; init; }

    /// <summary>The run's trace and stderr, kept only when <see cref="RunSettings.KeepDetails"/> (the HTML report); null otherwise.</summary>
    public RunDetails? Details { get; init; }

    /// <summary>Whether this verdict lets a run (and CI) succeed: pass, or a listed expected non-pass.</summary>
    public bool IsSuccess => Verdict is Verdict.Pass or Verdict.ExpectedFail or Verdict.ExpectedError
        or Verdict.ExpectedTimeout or Verdict.ExpectedNotImplemented;
}

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
        Verdict.Inconsistent => "inconsistent",
        Verdict.ExpectedFail => "expected-fail",
        Verdict.ExpectedError => "expected-error",
        Verdict.ExpectedTimeout => "expected-timeout",
        Verdict.ExpectedNotImplemented => "expected-not-implemented",
        Verdict.UnexpectedPass => "unexpected-pass",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    /// <summary>The verdict a wire name stands for, or null (for <c>expect:</c> in expectations.yaml).</summary>
    public static Verdict? FromWire(string name) =>
        Enum.GetValues<Verdict>().Cast<Verdict?>().FirstOrDefault(v => v!.Value.ToWire() == name);

    /// <summary>The <c>expected-*</c> verdict for an expected <paramref name="v"/> (fail, error, timeout, not-implemented).</summary>
    public static Verdict Expected(this Verdict v) => v switch
    {
        Verdict.Fail => Verdict.ExpectedFail,
        Verdict.Error => Verdict.ExpectedError,
        Verdict.Timeout => Verdict.ExpectedTimeout,
        Verdict.NotImplemented => Verdict.ExpectedNotImplemented,
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, "only fail, error, timeout and not-implemented can be expected"),
    };
}
