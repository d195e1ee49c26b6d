using System.Text.RegularExpressions;
using CliWrap;
using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Backends;

/// <summary>
/// The reference: CPython's own multiprocessing (spawn), embedded through pythonnet in the CPython backend's runner
/// (<c>harness/backend-cpython</c>, built and copied next to the harness with its <c>python/</c> folder) in a runner
/// process per run.
/// </summary>
/// <param name="interpreter">An interpreter to use instead of discovery (<c>--python</c>), or null.</param>
/// <param name="isReference">Whether this CPython's output is what <c>accept</c> promotes (the first of a version matrix).</param>
public sealed class CPythonBackend(string? interpreter = null, bool isReference = true) : IBackend
{
    /// <summary>Whether this CPython is the reference: its received snapshot is <c>&lt;id&gt;.received.txt</c>, which <c>accept</c> promotes;
    /// the others of a version matrix write <c>&lt;id&gt;.cpython-X.Y.Z.received.txt</c>, as any non-reference backend does.</summary>
    public bool IsReference => isReference;

    /// <summary>The runner's assembly name; its files are copied into the harness's output folder.</summary>
    public const string RunnerAssembly = "Conformance.Backend.CPython";

    /// <inheritdoc />
    public string Id => "cpython";

    /// <summary>
    /// CPython's resource tracker (<c>python -c 'from multiprocessing.resource_tracker import main; main(fd)'</c>);
    /// SemLock's <c>/mp-XXXXXXXX</c> semaphores and shared_memory's <c>/psm_HEX</c> segments; the runner is a .NET
    /// program (it hosts pythonnet), so .NET's diagnostics endpoints.
    /// </summary>
    public BackendMarkers Markers { get; } = new()
    {
        Helpers = [new HelperProcess("resource tracker", CommandLineContains: "multiprocessing.resource_tracker")],
        ObjectNames = [new Regex("^/mp-[a-z0-9_]{8}$", RegexOptions.CultureInvariant), new Regex("^/psm_[0-9a-f]+$", RegexOptions.CultureInvariant)],
        RuntimeTempEntries = [BackendMarkers.DotNetRuntimeEndpoints],
    };

    /// <inheritdoc />
    public async Task<string> DescribeAsync(CancellationToken ct) =>
        $"cpython-{(await PythonInstallation.DiscoverAsync(interpreter, ct).ConfigureAwait(false)).Version}";

    /// <summary>
    /// By default each scenario runs in the embedded runner (.NET hosting libpython through pythonnet,
    /// <see cref="RunnerAssembly"/>): the suite's fixed choice for the reference backend. <c>CONFORMANCE_CPYTHON_HOST=python</c>
    /// runs <c>python3 python/run_scenario.py</c> instead: the same conformance_runner module, the same <c>run()</c>, the
    /// same contract, without the ~0.3 s of CPU that starting .NET and pythonnet costs every run (README, "Running in
    /// parallel, and each run's overhead"); <c>Backends/CPythonHostTests</c> holds the two hosts to the same verdicts and snapshots.
    /// </summary>
    public const string HostVariable = "CONFORMANCE_CPYTHON_HOST";

    /// <summary>Whether runs go through the embedded (pythonnet) runner: unless <see cref="HostVariable"/> is <c>python</c>.</summary>
    public bool Embedded { get; init; } = Environment.GetEnvironmentVariable(HostVariable) is not "python";

    /// <inheritdoc />
    public async Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct)
    {
        var python = await PythonInstallation.DiscoverAsync(interpreter, ct).ConfigureAwait(false);
        await RunnerBytecode.EnsureAsync(python.Executable, Path.GetDirectoryName(RunnerScript())!).ConfigureAwait(false);
        Command command;
        if (Embedded)
        {
            var (fileName, prefix) = DotNetCommand.Runner(RunnerAssembly, "the CPython backend runner");
            command = CliWrap.Cli.Wrap(fileName)
                .WithArguments(args => args
                    .Add(prefix)
                    .Add("--scenario").Add(scenarioJson)
                    .Add("--trace").Add(tracePath)
                    .Add("--python").Add(python.Executable)
                    .Add("--libpython").Add(python.LibPython));
        }
        else
        {
            command = CliWrap.Cli.Wrap(python.Executable).WithArguments([RunnerScript(), scenarioJson, tracePath]);
        }
        command = command.WithEnvironmentVariables(env => env
            // Children must not pick up a stray PYTHONPATH/PYTHONHOME meant for another interpreter.
            .Set("PYTHONHOME", null)
            .Set("PYTHONSTARTUP", null));
        return await RunnerProcess.RunAsync(command, scenarioJson, tracePath, settings.TimeLimit(scenario), settings.Limits, ct, settings.Environment(), Markers)
            .ConfigureAwait(false);
    }

    /// <summary><c>python/run_scenario.py</c> beside the runner assembly in the harness's output folder, where the build copies it.</summary>
    private static string RunnerScript()
    {
        var script = Path.Combine(Path.GetDirectoryName(typeof(CPythonBackend).Assembly.Location)!, "python", "run_scenario.py");
        return File.Exists(script)
            ? script
            : throw new FileNotFoundException($"the CPython backend's interpreter {script} is missing: build harness/Conformance.Harness.csproj, which copies it", script);
    }
}
