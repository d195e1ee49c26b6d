using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Backends;

/// <summary>Runs a validated scenario with one implementation of multiprocessing and leaves a trace behind.</summary>
public interface IBackend
{
    /// <summary>Short id used on the command line and in test names: <c>cpython</c> or <c>csharp</c>.</summary>
    string Id { get; }

    /// <summary>The name used in reports, possibly with a version (<c>cpython-3.11.7</c>).</summary>
    Task<string> DescribeAsync(CancellationToken ct);

    /// <summary>
    /// The backend's own helper processes, named OS objects and runtime files, which the harness must tell from the
    /// scenario's (<see cref="BackendMarkers"/>); what <see cref="RunAsync"/> passes to the runner process's watchdog.
    /// </summary>
    BackendMarkers Markers { get; }

    /// <summary>
    /// Runs <paramref name="scenario"/> whose JSON document is at <paramref name="scenarioJson"/>, tracing to
    /// <paramref name="tracePath"/>, within <paramref name="settings"/>' time limit and limits (a run that exceeds them is
    /// stopped) and with their environment (chaos mode).
    /// </summary>
    Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct);
}
