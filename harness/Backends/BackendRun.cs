namespace Conformance.Harness.Backends;

/// <summary>What a backend's runner process did: its exit code (null when the harness killed it) and its output, kept bounded.</summary>
public sealed record BackendRun(int? ExitCode, bool TimedOut, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>Runner exit code: main finished.</summary>
    public const int Completed = 0;

    /// <summary>Runner exit code: main raised; stderr's last line is <c>scenario error at POINTER: Type: message</c>.</summary>
    public const int ScenarioError = 3;

    /// <summary>Runner exit code: the backend lacks something the scenario uses; stderr's last line says what.</summary>
    public const int NotImplemented = 4;

    /// <summary>Processes of the run still alive after it ended (killed by the harness); a run must leave none.</summary>
    public IReadOnlyList<string> LeakedProcesses { get; init; } = [];

    /// <summary>
    /// Set when the harness stopped the run for exceeding one of its <see cref="Running.RunLimits"/>: which limit, what
    /// was measured and the limit (the run's processes were then killed as on a timeout). Null otherwise.
    /// </summary>
    public string? LimitExceeded { get; init; }

    /// <summary>The runner's own pid (the root of the run's process tree); null when it never started.</summary>
    public int? RunnerPid { get; init; }

    /// <summary>
    /// On a timeout: every process of the run alive when the limit expired (found by the run's inherited trace variable),
    /// captured before any was killed, so the harness can say what each was doing. Empty otherwise.
    /// </summary>
    public IReadOnlyList<LiveProcess> AliveAtTimeout { get; init; } = [];

    /// <summary>Set when the runner could not be started at all (missing executable, permissions): why. Null otherwise.</summary>
    public string? StartFailure { get; init; }

    /// <summary>The last non-empty line of stderr, where runners put their one-line verdict.</summary>
    public string LastErrorLine =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
