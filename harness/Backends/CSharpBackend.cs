using System.Text.RegularExpressions;
using CliWrap;
using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Backends;

/// <summary>
/// The implementation under test: the <c>impl</c> library, driven by the C# scenario interpreter
/// (<c>harness/backend-csharp</c>, built and copied next to the harness) in a runner process per run.
/// </summary>
public sealed class CSharpBackend : IBackend
{
    /// <summary>The runner's assembly name; its files are copied into the harness's output folder.</summary>
    public const string RunnerAssembly = "Conformance.Backend.CSharp";

    /// <inheritdoc />
    public string Id => "csharp";

    /// <summary>
    /// impl's resource tracker (a child started with <c>CONFORMANCE_MP_ROLE=tracker</c>, impl/Internal/Spawner.cs);
    /// impl's <c>/mp-PID-HEX8</c> semaphores (impl/Internal/SemLock.cs); .NET's diagnostics endpoints.
    /// </summary>
    public BackendMarkers Markers { get; } = new()
    {
        Helpers = [new HelperProcess("resource tracker", EnvironmentEntry: "CONFORMANCE_MP_ROLE=tracker")],
        ObjectNames = [new Regex("^/mp-[0-9]+-[0-9a-f]{8}$", RegexOptions.CultureInvariant)],
        RuntimeTempEntries = [BackendMarkers.DotNetRuntimeEndpoints],
    };

    /// <inheritdoc />
    public Task<string> DescribeAsync(CancellationToken ct) => Task.FromResult("csharp");

    /// <inheritdoc />
    public async Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct)
    {
        var (fileName, prefix) = DotNetCommand.Runner(RunnerAssembly, "the C# backend runner");
        var command = CliWrap.Cli.Wrap(fileName)
            .WithArguments(args => args
                .Add(prefix)
                .Add("--scenario").Add(scenarioJson)
                .Add("--trace").Add(tracePath))
            .WithEnvironmentVariables(env => env
                // The runner's children are re-runs of its own command line with impl's startup hook; a hook meant for
                // the harness (or a test host's) must not leak into them.
                .Set("DOTNET_STARTUP_HOOKS", null));
        return await RunnerProcess.RunAsync(command, scenarioJson, tracePath, settings.TimeLimit(scenario), settings.Limits, ct, settings.Environment(), Markers)
            .ConfigureAwait(false);
    }
}
