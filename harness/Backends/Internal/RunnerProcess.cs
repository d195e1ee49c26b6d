using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Conformance.Harness.Backends.Internal;

/// <summary>Starts a backend runner with CliWrap and enforces the scenario's time limit on everything the run started.</summary>
internal static class RunnerProcess
{
    /// <summary>How long processes of a finished run may take to exit on their own (CPython's resource tracker exits once it sees EOF).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    /// <summary>The runner contract's environment (docs/backend-authors.md), inherited by every process of a run.</summary>
    public const string ScenarioVariable = "CONFORMANCE_SCENARIO";

    /// <summary>The trace path; since every process of a run inherits it, it also finds the run's stragglers.</summary>
    public const string TraceVariable = "CONFORMANCE_TRACE";

    /// <summary>The run's ledger of the named OS objects its processes create and unlink (docs/backend-authors.md).</summary>
    public const string ObjectsVariable = "CONFORMANCE_OBJECTS";

    /// <summary>The ledger beside the trace: <c>&lt;run folder&gt;/objects.jsonl</c>.</summary>
    public static string ObjectsPath(string tracePath) => Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", "objects.jsonl");

    /// <summary>
    /// The run's TMPDIR, <c>&lt;run folder&gt;/tmp</c> (the harness creates it with the trace): CPython's <c>pymp-*</c>
    /// folders and manager sockets, and .NET's Path.GetTempPath(), land in the run's own folder.
    /// </summary>
    public static string TempFolder(string tracePath) => Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", "tmp");

    /// <summary>
    /// Runs <paramref name="command"/> with the runner contract's environment (scenario, trace and ledger paths, TMPDIR); on timeout
    /// kills every process of the run (sparing resource trackers); afterwards kills and reports stragglers.
    /// </summary>
    public static async Task<BackendRun> RunAsync(Command command, string scenarioJson, string tracePath, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var task = command
            .WithEnvironmentVariables(env => env.Set(ScenarioVariable, scenarioJson).Set(TraceVariable, tracePath)
                .Set(ObjectsVariable, ObjectsPath(tracePath)).Set("TMPDIR", TempFolder(tracePath)))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, CancellationToken.None);
        var pid = task.ProcessId;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        Task completion = task;
        var finished = await Task.WhenAny(completion, Task.Delay(Timeout.Infinite, timer.Token)).ConfigureAwait(false) == completion;
        if (!finished)
        {
            // Children hold the output pipes open, so the run's tree must go before the task can complete. Resource
            // trackers are spared: they unlink the run's named semaphores once the others are dead, then exit.
            ProcessTree.KillAll(pid, ProcessTree.WithEnvironment(TraceVariable, tracePath), spareTrackers: true);
        }
        var result = await task.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var leaked = await StragglersAsync(TraceVariable, tracePath).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return new BackendRun(finished ? result.ExitCode : null, !finished, result.StandardOutput, result.StandardError, elapsed)
        {
            LeakedProcesses = leaked,
        };
    }

    private static async Task<IReadOnlyList<string>> StragglersAsync(string variable, string value)
    {
        var deadline = Stopwatch.StartNew();
        HashSet<int> alive;
        while ((alive = ProcessTree.WithEnvironment(variable, value)).Count > 0 && deadline.Elapsed < Grace)
            await Task.Delay(50).ConfigureAwait(false);
        if (alive.Count == 0)
            return [];
        var described = alive.Select(ProcessTree.Describe).ToList();
        ProcessTree.KillAll(alive.First(), alive);
        return described;
    }
}
