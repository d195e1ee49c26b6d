using Conformance.Harness.Backends;
using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Running;

/// <summary>A fake backend whose runner is any command (a shell script that crashes, a file that does not exist), run like a real one.</summary>
internal sealed class CommandBackend(string fileName, params string[] arguments) : IBackend
{
    public string Id => "fake";

    public BackendMarkers Markers => BackendMarkers.None;

    public Task<string> DescribeAsync(CancellationToken ct) => Task.FromResult("fake");

    public Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct) =>
        RunnerProcess.RunAsync(CliWrap.Cli.Wrap(fileName).WithArguments(arguments), scenarioJson, tracePath, settings.TimeLimit(scenario), settings.Limits, ct);
}
