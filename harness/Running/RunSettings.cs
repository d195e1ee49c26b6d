using System.Globalization;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Running;

/// <summary>How every run of a suite is made: its limits, the scale of its time limits, and chaos mode.</summary>
public sealed record RunSettings
{
    /// <summary>The runner contract's variable that turns chaos mode on in every process of a run (its value: the seed).</summary>
    public const string ChaosVariable = "CONFORMANCE_CHAOS";

    /// <summary>Defaults: <see cref="RunLimits.Default"/>, time limits as written, no chaos.</summary>
    public static RunSettings Default { get; } = new();

    /// <summary>What one run may write and start.</summary>
    public RunLimits Limits { get; init; } = RunLimits.Default;

    /// <summary>Every scenario's time limit is multiplied by this (<c>--timeout-multiplier</c>: slow or loaded machines).</summary>
    public double TimeoutMultiplier
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(TimeoutMultiplier), value, "the timeout multiplier must be a positive number");
    } = 1;

    /// <summary>Chaos mode's seed (<c>--chaos SEED</c>), or null: both interpreters then sleep 0–5 ms around every traced call.</summary>
    public int? ChaosSeed { get; init; }

    /// <summary>Keep each run's trace and stderr on its result (<see cref="RunResult.Details"/>), for <c>run --html</c>.</summary>
    public bool KeepDetails { get; init; }

    /// <summary>The time limit of one run of <paramref name="scenario"/>.</summary>
    public TimeSpan TimeLimit(Scenario scenario) => TimeSpan.FromSeconds(scenario.TimeoutSeconds * TimeoutMultiplier);

    /// <summary>The variables these settings add to a run's environment (chaos mode's seed).</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        ChaosSeed is { } seed
            ? new Dictionary<string, string> { [ChaosVariable] = seed.ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string>();
}
