using System.Diagnostics;
using CliWrap;
using Conformance.Harness.Running;

namespace Conformance.Harness.Backends.Internal;

/// <summary>Starts a backend runner with CliWrap and enforces the scenario's time limit and the run's limits on everything the run started.</summary>
internal static class RunnerProcess
{
    /// <summary>How long processes of a finished run may take to exit on their own (CPython's resource tracker exits once it sees EOF).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often the watchdog measures the run's output (a stat and two counters): a flood (CPython prints a few hundred
    /// MB/s) overshoots the output limit by a few MB at most.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a killed run's resource trackers may take to unlink its semaphores and exit (they take milliseconds).</summary>
    private static readonly TimeSpan TrackerGrace = TimeSpan.FromSeconds(10);

    /// <summary>Every how many polls the watchdog counts the run's processes (a /proc scan, ~2 ms): ten times a second.</summary>
    private const int ProcessScanEvery = 4;

    /// <summary>The runner contract's environment (docs/backend-authors.md), inherited by every process of a run.</summary>
    public const string ScenarioVariable = "CONFORMANCE_SCENARIO";

    /// <summary>The trace path; since every process of a run inherits it, it also finds the run's stragglers.</summary>
    public const string TraceVariable = "CONFORMANCE_TRACE";

    /// <summary>The run's ledger of the named OS objects its processes create and unlink (docs/backend-authors.md).</summary>
    public const string ObjectsVariable = "CONFORMANCE_OBJECTS";

    /// <summary>The ledger beside the trace: <c>&lt;run folder&gt;/objects.jsonl</c>.</summary>
    public static string ObjectsPath(string tracePath) => Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", "objects.jsonl");

    /// <summary>The run's ledger of child exits and of the signals its processes sent (docs/backend-authors.md).</summary>
    public const string ExitsVariable = "CONFORMANCE_EXITS";

    /// <summary>The exits ledger beside the trace: <c>&lt;run folder&gt;/exits.jsonl</c>.</summary>
    public static string ExitsPath(string tracePath) => Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", "exits.jsonl");

    /// <summary>The run's ledger of the scenario's own sleeps, for its overhead (docs/backend-authors.md).</summary>
    public const string SleepsVariable = "CONFORMANCE_SLEEPS";

    /// <summary>The sleeps ledger beside the trace: <c>&lt;run folder&gt;/sleeps.jsonl</c>.</summary>
    public static string SleepsPath(string tracePath) => Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", "sleeps.jsonl");

    /// <summary>
    /// The run's TMPDIR, <c>&lt;run folder&gt;/tmp</c> (the harness creates it with the trace): CPython's <c>pymp-*</c>
    /// folders and manager sockets, and .NET's Path.GetTempPath(), land in the run's own folder.
    /// </summary>
    public static string TempFolder(string tracePath) => Path.Combine(Path.GetDirectoryName(tracePath) ?? ".", "tmp");

    /// <summary>
    /// Runs <paramref name="command"/> with the runner contract's environment (scenario, trace and ledger paths,
    /// TMPDIR); on timeout, or when the run exceeds <paramref name="limits"/>, kills every process of the run (sparing
    /// the backend's helpers, <paramref name="markers"/>); afterwards kills and reports stragglers. Stdout and stderr
    /// are kept bounded (head and tail).
    /// </summary>
    public static async Task<BackendRun> RunAsync(Command command, string scenarioJson, string tracePath, TimeSpan timeout, RunLimits limits, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null, BackendMarkers? markers = null)
    {
        markers ??= BackendMarkers.None;
        var clock = Stopwatch.StartNew();
        var stdout = new BoundedCapture();
        var stderr = new BoundedCapture();
        CommandTask<CommandResult> task;
        try
        {
            task = command
                // CliWrap's WithEnvironmentVariables replaces the command's set: the backend's own settings (variables it
                // clears for its children) are carried over first, then the settings' and the contract's.
                // Chaos mode comes from the settings only: a CONFORMANCE_CHAOS in the harness's own environment (dotnet
                // test takes its seed from there) must not reach a run without chaos, such as a chaos: false scenario's.
                .WithEnvironmentVariables(env => env.Set(command.EnvironmentVariables).Set(RunSettings.ChaosVariable, null)
                    .Set((environment ?? new Dictionary<string, string>()).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)))
                    .Set(ScenarioVariable, scenarioJson).Set(TraceVariable, tracePath)
                    .Set(ObjectsVariable, ObjectsPath(tracePath)).Set(ExitsVariable, ExitsPath(tracePath)).Set(SleepsVariable, SleepsPath(tracePath))
                    .Set("TMPDIR", TempFolder(tracePath)))
                .WithStandardOutputPipe(stdout.Target)
                .WithStandardErrorPipe(stderr.Target)
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // Nothing ran: no tree to kill, no trace to judge; the verdict says why the runner did not start.
            return new BackendRun(null, false, "", "", clock.Elapsed) { StartFailure = $"{command.TargetFilePath}: {e.Message}" };
        }
        var pid = task.ProcessId;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        var exceeded = await WatchAsync(task, tracePath, limits, stdout, stderr, timer.Token).ConfigureAwait(false);
        var finished = exceeded is null && task.Task.IsCompleted;
        IReadOnlyList<LiveProcess> alive = [];
        if (!finished)
        {
            // Captured before anything is killed: the timeout report says what each of them was doing.
            if (exceeded is null)
                alive = Alive(pid, tracePath, markers);
            // Children hold the output pipes open, so the run's tree must go before the task can complete. Resource
            // trackers are spared: they unlink the run's named semaphores once the others are dead, then exit.
            ProcessTree.KillAll(pid, ProcessTree.WithEnvironment(TraceVariable, tracePath), Spare(markers, true));
            // A process forked while the tree was being killed (a run that starts processes in a loop) is orphaned out
            // of the tree walk's reach and holds the pipes open: kill by the run's marker again until they close. Every
            // process that can hold them carries the marker; a tracker (CPython's holds stderr) that has not finished
            // its clean-up within TrackerGrace is killed too, so this never waits for ever.
            var killing = Stopwatch.StartNew();
            while (!task.Task.IsCompleted)
            {
                await Task.WhenAny(task.Task, Task.Delay(PollInterval, CancellationToken.None)).ConfigureAwait(false);
                if (!task.Task.IsCompleted)
                    ProcessTree.KillAll(pid, ProcessTree.WithEnvironment(TraceVariable, tracePath), Spare(markers, killing.Elapsed < TrackerGrace));
            }
        }
        var result = await task.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        // A flood faster than the watchdog's poll can end before it is seen; its output is no more acceptable then.
        exceeded ??= OutputExceeded(tracePath, limits, stdout, stderr);
        var leaked = await StragglersAsync(TraceVariable, tracePath).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return new BackendRun(finished ? result.ExitCode : null, !finished && exceeded is null, stdout.ToString(), stderr.ToString(), elapsed)
        {
            LeakedProcesses = leaked,
            LimitExceeded = exceeded,
            RunnerPid = pid,
            AliveAtTimeout = alive,
        };
    }

    /// <summary>Which processes a kill spares: the backend's helpers while <paramref name="spare"/> holds, else none.</summary>
    private static Func<int, bool>? Spare(BackendMarkers markers, bool spare) =>
        spare && markers.Helpers.Count > 0 ? pid => markers.HelperOf(pid) is not null : null;

    /// <summary>The run's live processes (the runner and everything carrying its trace variable), with their roles.</summary>
    private static List<LiveProcess> Alive(int runner, string tracePath, BackendMarkers markers)
    {
        var pids = ProcessTree.WithEnvironment(TraceVariable, tracePath);
        if (ProcessTree.IsAlive(runner))
            pids.Add(runner);
        return pids.Order()
            .Select(p => new LiveProcess(p, p == runner ? "runner" : markers.HelperOf(p)?.Role ?? ProcessTree.CommandLine(p, 80)))
            .ToList();
    }

    /// <summary>Waits for the run to end or the timer to fire; returns why the run must be stopped when it exceeds a limit first.</summary>
    private static async Task<string?> WatchAsync(CommandTask<CommandResult> run, string tracePath, RunLimits limits, BoundedCapture stdout, BoundedCapture stderr, CancellationToken timer)
    {
        for (var poll = 0; !run.Task.IsCompleted && !timer.IsCancellationRequested; poll++)
        {
            if (OutputExceeded(tracePath, limits, stdout, stderr) is { } output)
                return output;
            if (poll % ProcessScanEvery == 0)
            {
                var alive = ProcessTree.WithEnvironment(TraceVariable, tracePath);
                if (alive.Count > limits.MaxProcesses)
                    return limits.ProcessesExceeded(alive.Count);
                if (alive.Sum(ProcessTree.PrivateResidentBytes) is var resident && resident > limits.MaxMemoryBytes)
                    return limits.MemoryExceeded(resident);
            }
            // WhenAny never throws: a cancelled delay just ends the wait.
            await Task.WhenAny(run.Task, Task.Delay(PollInterval, timer)).ConfigureAwait(false);
        }
        return null;
    }

    private static string? OutputExceeded(string tracePath, RunLimits limits, BoundedCapture stdout, BoundedCapture stderr)
    {
        var written = TraceLength(tracePath) + stdout.TotalBytes + stderr.TotalBytes;
        return written > limits.MaxOutputBytes ? limits.OutputExceeded(written) : null;
    }

    private static long TraceLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            // Not written yet (or a run that traces nowhere): nothing to count.
            return 0;
        }
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
