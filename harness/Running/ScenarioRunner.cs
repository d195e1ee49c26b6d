using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Harness.Backends;
using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Checks;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Snapshots;
using Trace = Conformance.Harness.Checks.Trace;

namespace Conformance.Harness.Running;

/// <summary>Runs one scenario on one backend and judges it: runner outcome, invariants on the trace, snapshot comparison.</summary>
/// <param name="paths">The suite's folders.</param>
/// <param name="settings">Limits, time-limit multiplier and chaos mode of every run (<see cref="RunSettings.Default"/> when null).</param>
public sealed partial class ScenarioRunner(SuitePaths paths, RunSettings? settings = null)
{
    /// <summary>How every run of this runner is made.</summary>
    public RunSettings Settings { get; } = settings ?? RunSettings.Default;

    /// <summary>The limits every run of this runner is held to.</summary>
    public RunLimits Limits => Settings.Limits;

    /// <summary>The folder that keeps the documents and traces of runs that did not pass.</summary>
    public static string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "conformance-runs");

    /// <summary>Runs <paramref name="scenario"/> on <paramref name="backend"/>.</summary>
    public async Task<RunResult> RunAsync(Scenario scenario, IBackend backend, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        string backendName;
        try
        {
            backendName = await backend.DescribeAsync(ct).ConfigureAwait(false);
        }
        catch (PythonNotFoundException e)
        {
            return Result(scenario, backend.Id, Verdict.Error, clock.Elapsed, e.Message);
        }

        // Short, because the run's TMPDIR is inside: CPython's manager sockets (<TMPDIR>/pymp-x/listener-x) and .NET's
        // diagnostics socket must fit in sun_path's 107 bytes. The full id is in scenario.json.
        var id = scenario.Id.Replace('/', '_');
        var work = Path.Combine(WorkRoot, $"{id[..Math.Min(id.Length, 20)]}.{backend.Id}.{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(work);
        var scenarioJson = Path.Combine(work, "scenario.json");
        var tracePath = Path.Combine(work, "trace.jsonl");
        await File.WriteAllTextAsync(scenarioJson, scenario.Document.ToJsonString(), new UTF8Encoding(false), ct).ConfigureAwait(false);
        File.WriteAllBytes(tracePath, []);
        Directory.CreateDirectory(RunnerProcess.TempFolder(tracePath));

        // A scenario whose claim is a timing bound opts out of chaos mode (chaos: false): its runs get no seed.
        var settings = scenario.Chaos ? Settings : Settings with { ChaosSeed = null };
        var run = await backend.RunAsync(scenario, scenarioJson, tracePath, settings, ct).ConfigureAwait(false);
        var result = Judge(scenario, backendName, run, tracePath, clock.Elapsed, Leaks(run, tracePath, backend.Markers),
            backend is CPythonBackend { IsReference: false } ? false : null);
        var sleeps = ScenarioSleeps.Longest(RunnerProcess.SleepsPath(tracePath));
        result = result with { Runs = [.. result.Runs.Select(r => r with { Sleeps = sleeps })] };
        if (Settings.KeepDetails)
            result = result with { Details = Details(run, tracePath) };
        if (result.Verdict is Verdict.Pass or Verdict.NotImplemented)
            Directory.Delete(work, recursive: true);
        else
            result = result with { Message = $"{result.Message}\n(run files kept in {work})" };
        return result;
    }

    /// <summary>
    /// What the run left behind (processes; named OS objects its own ledger registered and did not unregister; files in
    /// its TMPDIR), already cleaned up or kept with the run folder; "" when nothing. Called once the run's processes,
    /// resource trackers included, are gone, so a killed run's semaphores have been unlinked by its tracker.
    /// </summary>
    private static string Leaks(BackendRun run, string tracePath, BackendMarkers markers)
    {
        var text = new StringBuilder();
        if (run.LeakedProcesses.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nthe run left processes alive (killed by the harness): {string.Join(", ", run.LeakedProcesses)}");
        // Only the backend's own names are unlinked: the ledger was written by processes running scenario data.
        var objects = NamedOsObjects.Left(RunnerProcess.ObjectsPath(tracePath));
        var own = objects.Where(o => markers.IsOwnObject(o.Name)).Select(o => o.Entry).ToList();
        var foreign = objects.Where(o => !markers.IsOwnObject(o.Name)).Select(o => o.Entry).ToList();
        if (own.Count > 0)
        {
            NamedOsObjects.Remove(own);
            text.Append(CultureInfo.InvariantCulture, $"\nthe run left named OS objects in /dev/shm (removed by the harness): {string.Join(", ", own)}");
        }
        if (foreign.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nthe run left named OS objects in /dev/shm whose names are not the backend's (left in place): {string.Join(", ", foreign)}");
        var files = TempLeftovers.LeftIn(RunnerProcess.TempFolder(tracePath), markers.IsRuntimeTempEntry);
        if (files.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nthe run left files in its TMPDIR (kept in the run folder): {string.Join(", ", files)}");
        return text.ToString();
    }

    /// <summary>The run's trace and stderr tail for the HTML report; a trace that cannot be read is noted, never fatal.</summary>
    private RunDetails Details(BackendRun run, string tracePath)
    {
        var stderr = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tail = string.Join("\n", stderr.TakeLast(40).Select(l => l.Length <= TailLineLength ? l : string.Concat(l.AsSpan(0, TailLineLength), "…")));
        if (TraceBeyondLimit(tracePath) is { } beyond)
            return new RunDetails([], $"trace not read: {beyond}", tail, run.TimedOut);
        try
        {
            var trace = Trace.Load(tracePath);
            var events = trace.Events.Count > RunDetails.MaxEvents ? trace.Events.Take(RunDetails.MaxEvents).ToList() : trace.Events;
            var note = trace.Events.Count > RunDetails.MaxEvents
                ? $"only the first {RunDetails.MaxEvents} of {trace.Events.Count} events are drawn"
                : trace.Warning;
            return new RunDetails(events, note, tail, run.TimedOut);
        }
        catch (Exception e) when (e is TraceFormatException or IOException)
        {
            return new RunDetails([], $"trace not readable: {e.Message}", tail, run.TimedOut);
        }
    }

    private RunResult Judge(Scenario scenario, string backend, BackendRun run, string tracePath, TimeSpan elapsed, string leaks, bool? reference)
    {
        if (run.StartFailure is { } why)
            return Result(scenario, backend, Verdict.Error, elapsed,
                $"the {backend} runner did not start: {why}; check that the harness is built (dotnet build) and the backend's interpreter exists{leaks}");
        // A trace beyond the limit is never read: a backend that does not stop such a run gets the same verdict.
        if ((run.LimitExceeded ?? TraceBeyondLimit(tracePath)) is { } exceeded)
        {
            var after = run.ExitCode is null ? "its processes were killed" : "its trace was not judged";
            return Result(scenario, backend, Verdict.Error, elapsed, $"stopped: {exceeded}; {after}.{Tail(run)}{leaks}");
        }
        if (run.TimedOut)
            return Result(scenario, backend, Verdict.Timeout, elapsed,
                $"timed out after {LimitText(scenario)}; its processes were killed.{TimeoutReport.Render(run.AliveAtTimeout, tracePath, Limits.MaxOutputBytes)}{Tail(run)}{leaks}");
        if (run.ExitCode is not (BackendRun.Completed or BackendRun.ScenarioError or BackendRun.NotImplemented))
            return Result(scenario, backend, Verdict.Error, elapsed, $"{RunnerCrash(backend, run)}{Tail(run)}{leaks}");
        if (run.ExitCode == BackendRun.NotImplemented)
            return Result(scenario, backend, Verdict.NotImplemented, elapsed, run.LastErrorLine);
        // A child that died of a signal nobody in the run sent tells more than what main did next (a get that timed out).
        if (ChildDeaths.Unasked(RunnerProcess.ExitsPath(tracePath)) is { Count: > 0 } deaths)
        {
            var main = run.ExitCode == BackendRun.ScenarioError ? $"\nthen {Locate(scenario, run.LastErrorLine)}" : "";
            return Result(scenario, backend, Verdict.Error, elapsed,
                $"{string.Join("\n", deaths)}: a crash of the backend or a kill from outside the run, not something the scenario did " +
                $"(its own terminate and kill calls are recorded as sent).{main}{Tail(run)}{leaks}");
        }
        if (run.ExitCode == BackendRun.ScenarioError)
            return Result(scenario, backend, Verdict.Error, elapsed, $"{Locate(scenario, run.LastErrorLine)}{Tail(run)}{leaks}");

        Trace trace;
        try
        {
            trace = Trace.Load(tracePath);
            _ = trace.Facts; // a trace without its meta event cannot be judged: fail here, not inside an invariant
        }
        catch (TraceFormatException e)
        {
            return Result(scenario, backend, Verdict.Error, elapsed, $"unreadable trace: {e.Message}{leaks}");
        }
        var invariants = InvariantChecker.Check(scenario.Invariants, trace);
        IReadOnlyList<string> output;
        IReadOnlyList<string>? stderr;
        try
        {
            output = Transcript.Normalise(scenario.Output, trace);
            stderr = scenario.Output.Stderr.Count == 0 ? null : Transcript.Stderr(scenario.Output, run.StandardError, trace);
        }
        catch (RegexMatchTimeoutException e)
        {
            // A pathological output regex (the scenario's data) on what the run printed: the first line it stalls on
            // ends the normalisation, so a flood of such lines costs one match timeout, not one per line.
            return Result(scenario, backend, Verdict.Fail, elapsed,
                $"output rule regex '{e.Pattern}' timed out ({e.MatchTimeout.TotalSeconds:0.#} s) on a line of the run's output; simplify the regex{leaks}");
        }
        var text = SnapshotText.Render(scenario.Id, output, invariants, stderr);
        var snapshot = SnapshotStore.Compare(paths.Expected, scenario.Id, backend, text, reference);

        var problems = new StringBuilder();
        foreach (var failed in invariants.Where(i => !i.Passed))
            problems.Append(CultureInfo.InvariantCulture, $"invariant {failed.Name} ({failed.Kind}) failed: {failed.Detail}\n");
        if (trace.Warning is { } warning)
            problems.Append(CultureInfo.InvariantCulture, $"trace: {warning}\n");
        if (snapshot.Status == SnapshotStatus.Missing)
            problems.Append(CultureInfo.InvariantCulture, $"no verified snapshot {snapshot.VerifiedPath}; the output was written to {snapshot.ReceivedPath}: check it, then run 'accept' (CPython output only)\n");
        else if (snapshot.Status == SnapshotStatus.Mismatch)
            problems.Append(CultureInfo.InvariantCulture, $"output differs from {snapshot.VerifiedPath} (received: {snapshot.ReceivedPath}):\n{snapshot.Diff}\n");
        if (leaks.Length > 0)
            problems.Append(leaks.TrimStart('\n')).Append('\n');
        var verdict = problems.Length == 0 ? Verdict.Pass : Verdict.Fail;
        return new RunResult(scenario.Id, backend, verdict, elapsed, invariants, output, problems.Length == 0 ? null : problems.ToString().TrimEnd())
        {
            Runs = [new RunRecord(verdict, elapsed)],
            Snapshot = text,
            SnapshotDiff = snapshot.Status == SnapshotStatus.Matched ? null : snapshot.Diff,
        };
    }

    /// <summary>
    /// <c>the cpython runner, MainProcess (pid 4200), was killed by signal 11 (SIGSEGV) (exit code 139): …</c>; runners
    /// exit 0, 3 or 4, so anything else is the backend's own crash (or a kill from outside), never the scenario's.
    /// </summary>
    private static string RunnerCrash(string backend, BackendRun run)
    {
        var code = run.ExitCode!.Value.ToString(CultureInfo.InvariantCulture);
        var how = Signals.OfRunnerExitCode(run.ExitCode.Value) is { } signal
            ? $"was killed by {Signals.Describe(signal)} (exit code {code})"
            : $"exited with code {code}";
        var who = run.RunnerPid is { } pid ? $", MainProcess (pid {pid.ToString(CultureInfo.InvariantCulture)})," : "";
        return $"the {backend} runner{who} {how}: a crash of the backend itself or a kill from outside the run (runners exit 0, 3 or 4); " +
            "its last stderr lines and the run files say more.";
    }

    /// <summary>The effective limit and where it comes from: <c>60 s (timeout: short × 2)</c>, <c>30 s (timeout: short, the default)</c>.</summary>
    private string LimitText(Scenario scenario)
    {
        var seconds = Settings.TimeLimit(scenario).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var scale = Settings.TimeoutMultiplier == 1 ? "" : $" × {Settings.TimeoutMultiplier.ToString("0.###", CultureInfo.InvariantCulture)}";
        return $"{seconds} s ({scenario.Timeout}{scale})";
    }

    /// <summary>Turns the runner's <c>scenario error at /json/pointer: ...</c> into <c>file:line:column: ...</c>.</summary>
    private static string Locate(Scenario scenario, string line)
    {
        var match = ScenarioErrorLine().Match(line);
        return match.Success
            ? $"{scenario.LocationOf(match.Groups["pointer"].Value)}: uncaught {match.Groups["error"].Value}"
            : $"the scenario's main raised: {line}";
    }

    private string? TraceBeyondLimit(string tracePath)
    {
        var length = new FileInfo(tracePath).Length;
        return length > Limits.MaxOutputBytes ? Limits.OutputExceeded(length) : null;
    }

    private static string Tail(BackendRun run)
    {
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // A scenario's own text (a flood, a huge repr) may fill a line: the message stays readable.
        return lines.Length == 0
            ? ""
            : "\nstderr (last lines):\n  " + string.Join("\n  ", lines.TakeLast(15).Select(l => l.Length <= TailLineLength ? l : string.Concat(l.AsSpan(0, TailLineLength), "…")));
    }

    private static RunResult Result(Scenario scenario, string backend, Verdict verdict, TimeSpan elapsed, string message) =>
        new(scenario.Id, backend, verdict, elapsed, [], [], message) { Runs = [new RunRecord(verdict, elapsed)] };

    /// <summary>The longest stderr line quoted in a message.</summary>
    private const int TailLineLength = 500;

    [GeneratedRegex(@"^scenario error at (?<pointer>/\S*): (?<error>.*)$")]
    private static partial Regex ScenarioErrorLine();
}
