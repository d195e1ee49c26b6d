using System.Globalization;
using Conformance.Harness.Backends;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Snapshots;

namespace Conformance.Harness.Cli;

/// <summary><c>run</c>: every selected scenario on every selected backend, then the table and the reports.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line)
    {
        line.RejectUnknown("backend", "filter", "repeat", "chaos", "json", "junit", "python", "root", "timeout-multiplier");
        line.RejectPositional();
        var paths = line.Suite();
        var (json, junit) = (line.OutputFile("json"), line.OutputFile("junit"));
        var backends = Backends(line.Get("backend") ?? "all", line.Get("python"));
        var repeat = int.TryParse(line.Get("repeat") ?? "1", CultureInfo.InvariantCulture, out var r) && r >= 1
            ? r
            : throw new UsageException($"--repeat takes a whole number of at least 1, not '{line.Get("repeat")}'");
        int? chaos = line.Get("chaos") is not { } seed
            ? null
            : int.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new UsageException($"--chaos takes a whole number (the seed of chaos mode's delays, e.g. --chaos 1), not '{seed}'");
        var settings = new RunSettings { TimeoutMultiplier = TimeoutMultiplier(line.Get("timeout-multiplier")), ChaosSeed = chaos };

        var files = ScenarioLoader.Discover(paths.Scenarios, line.Get("filter"));
        if (files.Count == 0)
            throw new UsageException($"no scenario under {paths.Scenarios} matches '{line.Get("filter") ?? "*"}'");
        // Every file is validated before anything runs: a typo in the last file must not cost a full run first.
        var (scenarios, invalid) = ValidateCommand.LoadAll(paths, files);
        var expectations = ValidateCommand.LoadExpectations(paths);
        if (invalid > 0 || expectations is null)
        {
            Console.Error.WriteLine($"{invalid + (expectations is null ? 1 : 0)} file(s) invalid; nothing was run.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var runner = new RepeatedRunner(new ScenarioRunner(paths, settings), expectations);
        var results = new List<RunResult>();
        foreach (var scenario in scenarios)
        {
            foreach (var backend in backends)
            {
                var result = await runner.RunAsync(scenario, backend, repeat, (i, run) => Report(scenario, run, i, repeat), cancel.Token)
                    .ConfigureAwait(false);
                results.Add(result);
                if (repeat > 1 || result.Verdict != result.Runs[0].Verdict)
                    Report(scenario, result, 0, repeat);
            }
        }

        Console.WriteLine();
        Console.WriteLine(ConsoleTable.Render(results));
        // A verified snapshot of a scenario that no longer exists judges nothing and hides a rename: it fails the run.
        var dangling = SnapshotStore.Dangling(paths.Expected, ValidateCommand.SuiteIds(paths));
        foreach (var file in dangling)
            Console.Error.WriteLine($"dangling snapshot: {file} has no scenario; rename it with its scenario, or remove it with 'accept --prune'");
        try
        {
            if (json is not null)
                JsonReport.Write(json, results);
            if (junit is not null)
                JUnitReport.Write(junit, results);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Checked before the run, but the file can still be unwritable (permissions, a full disk).
            Console.Error.WriteLine($"error: cannot write the report: {e.Message}");
            return 2;
        }
        return results.All(x => x.IsSuccess) && dangling.Count == 0 ? 0 : 1;
    }

    /// <summary>One line per run as it ends (<paramref name="number"/> &gt; 0), or per combined result (0), with the message of a non-pass.</summary>
    private static void Report(Scenario scenario, RunResult result, int number, int repeat)
    {
        var which = number > 0 && repeat > 1 ? $" (run {number}/{repeat})" : number == 0 && repeat > 1 ? $" ({repeat} runs)" : "";
        var slow = result.Slow && number == 0 ? " [slow]" : "";
        Console.WriteLine($"{result.Verdict.ToWire(),-15} {scenario.Id} on {result.Backend}{which} in {result.Duration.TotalSeconds:0.0} s{slow}");
        // Every run's problems are printed as it ends; the combined line adds only what combining runs or the
        // expectations made of them (inconsistent, expected-*, unexpected-pass).
        var show = number > 0
            ? result.Verdict != Verdict.Pass
            : result.Verdict != result.Runs[0].Verdict || result.Verdict == Verdict.Inconsistent;
        if (show && result.Message is { } message)
            Console.WriteLine("    " + message.Replace("\n", "\n    ", StringComparison.Ordinal));
    }

    /// <summary><c>--timeout-multiplier F</c>: a positive finite number (1 when absent).</summary>
    private static double TimeoutMultiplier(string? text)
    {
        if (text is null)
            return 1;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && double.IsFinite(f)
            ? f
            : throw new UsageException($"--timeout-multiplier takes a positive number (e.g. 2 or 1.5), not '{text}'");
    }

    private static List<IBackend> Backends(string which, string? python) => which switch
    {
        "cpython" => [new CPythonBackend(python)],
        "csharp" => [new CSharpBackend()],
        "all" => [new CPythonBackend(python), new CSharpBackend()],
        _ => throw new UsageException($"--backend takes cpython, csharp or all, not '{which}'"),
    };
}
