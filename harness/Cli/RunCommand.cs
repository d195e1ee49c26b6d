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
        line.RejectUnknown("backend", "filter", "repeat", "chaos", "json", "junit", "html", "python", "root", "timeout-multiplier", "shard", "features", "exclude-features", "jobs");
        line.RejectPositional();
        var paths = line.Suite();
        var (json, junit, html) = (line.OutputFile("json"), line.OutputFile("junit"), line.OutputFile("html"));
        Shard? shard = line.Get("shard") is not { } shardText
            ? null
            : Shard.TryParse(shardText, out var shardError) ?? throw new UsageException($"--shard: {shardError}");
        var featureFilter = FeatureFilter.From(line, paths);
        var backends = await BackendsAsync(line.Get("backend") ?? "all", line.GetAll("python")).ConfigureAwait(false);
        var repeat = int.TryParse(line.Get("repeat") ?? "1", CultureInfo.InvariantCulture, out var r) && r >= 1
            ? r
            : throw new UsageException($"--repeat takes a whole number of at least 1, not '{line.Get("repeat")}'");
        int? chaos = line.Get("chaos") is not { } seed
            ? null
            : int.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new UsageException($"--chaos takes a whole number (the seed of chaos mode's delays, e.g. --chaos 1), not '{seed}'");
        var jobs = Jobs(line.Get("jobs"));
        // More runs at once than CPUs share them: each run's time limit grows by that share, so a limit still measures
        // the run's own progress (the default, one run per CPU, changes nothing).
        var share = Math.Max(1.0, jobs / (double)Environment.ProcessorCount);
        var settings = new RunSettings { TimeoutMultiplier = TimeoutMultiplier(line.Get("timeout-multiplier")) * share, ChaosSeed = chaos, KeepDetails = html is not null };

        var files = ScenarioLoader.Discover(paths.Scenarios, line.Get("filter"));
        if (files.Count == 0)
            throw new UsageException($"no scenario under {paths.Scenarios} matches '{line.Get("filter") ?? "*"}'");
        if (shard is not null)
        {
            var all = files.Count;
            files = [.. files.Where(f => shard.Contains(ScenarioLoader.IdOf(paths.Scenarios, f)))];
            Console.WriteLine($"shard {shard}: {files.Count} of {all} scenario(s)");
            if (files.Count == 0)
                return 0;
        }
        // Every file is validated before anything runs: a typo in the last file must not cost a full run first.
        var (scenarios, invalid) = ValidateCommand.LoadAll(paths, files);
        var expectations = ValidateCommand.LoadExpectations(paths);
        if (invalid > 0 || expectations is null)
        {
            Console.Error.WriteLine($"{invalid + (expectations is null ? 1 : 0)} file(s) invalid; nothing was run.");
            return 2;
        }
        if (featureFilter is not null)
        {
            var loaded = scenarios.Count;
            scenarios = [.. scenarios.Where(featureFilter.Selects)];
            Console.WriteLine($"features {featureFilter}: {scenarios.Count} of {loaded} scenario(s)");
            if (scenarios.Count == 0)
                throw new UsageException($"no selected scenario has the features asked for ({featureFilter}); see {FeatureList.Where}");
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var items = scenarios.SelectMany(scenario => backends.Select(backend => (scenario, backend))).ToList();
        IReadOnlyList<RunResult> results = [];
        await RunProgress.RunAsync(items.Count, async progress =>
        {
            var scheduler = new SuiteScheduler(new ScenarioRunner(paths, settings), expectations, jobs)
            {
                Starting = progress.Starting,
                RunEnded = (label, index, number, run) =>
                {
                    progress.Finished(label);
                    Report(progress, items[index].scenario, run, number, repeat);
                },
                ItemEnded = (index, result) =>
                {
                    if (repeat > 1 || result.Verdict != result.Runs[0].Verdict)
                        Report(progress, items[index].scenario, result, 0, repeat);
                    progress.Done();
                },
            };
            results = await scheduler.RunAsync(items, repeat, cancel.Token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine(ConsoleTable.Render(results));
        Console.WriteLine(ConsoleTable.Overheads(results));
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
            if (html is not null)
            {
                HtmlReport.Write(html, results, scenarios.ToDictionary(s => s.Id, s => s.Document["description"]?.GetValue<string>() ?? ""));
                Console.WriteLine($"HTML report: {html}");
            }
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
    private static void Report(RunProgress progress, Scenario scenario, RunResult result, int number, int repeat)
    {
        var which = number > 0 && repeat > 1 ? $" (run {number}/{repeat})" : number == 0 && repeat > 1 ? $" ({repeat} runs)" : "";
        var slow = result.Slow && number == 0 ? " [slow]" : "";
        progress.WriteLine($"{result.Verdict.ToWire(),-15} {scenario.Id} on {result.Backend}{which} in {result.Duration.TotalSeconds:0.0} s{slow}");
        // Every run's problems are printed as it ends; the combined line adds only what combining runs or the
        // expectations made of them (inconsistent, expected-*, unexpected-pass).
        var show = number > 0
            ? result.Verdict != Verdict.Pass
            : result.Verdict != result.Runs[0].Verdict || result.Verdict == Verdict.Inconsistent;
        if (show && result.Message is { } message)
            progress.WriteLine("    " + message.Replace("\n", "\n    ", StringComparison.Ordinal));
    }

    /// <summary><c>--jobs N</c>: runs at once, a whole number of at least 1 (the number of CPUs when absent).</summary>
    private static int Jobs(string? text) =>
        text is null
            ? Environment.ProcessorCount
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new UsageException($"--jobs takes a whole number of at least 1 (runs at once; 1 runs them one after another), not '{text}'");

    /// <summary><c>--timeout-multiplier F</c>: a positive finite number (1 when absent).</summary>
    private static double TimeoutMultiplier(string? text)
    {
        if (text is null)
            return 1;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && double.IsFinite(f)
            ? f
            : throw new UsageException($"--timeout-multiplier takes a positive number (e.g. 2 or 1.5), not '{text}'");
    }

    /// <summary>
    /// The backends of <c>--backend</c>; each <c>--python</c> (a path or a version; else the entries of
    /// <c>CONFORMANCE_PYTHON</c>; else <c>python3</c> on PATH) is a CPython column of its own, the first the reference.
    /// Every interpreter is checked before anything runs: a missing one, or one pythonnet cannot load, is refused once.
    /// </summary>
    private static async Task<List<IBackend>> BackendsAsync(string which, IReadOnlyList<string> pythons)
    {
        if (which is not ("cpython" or "csharp" or "all"))
            throw new UsageException($"--backend takes cpython, csharp or all, not '{which}'");
        var list = new List<IBackend>();
        if (which is "cpython" or "all")
        {
            var named = pythons.Count > 0 ? pythons : PythonInstallation.Matrix();
            var specs = named.Count > 0 ? named.Select(p => (string?)p).ToList() : [null];
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < specs.Count; i++)
            {
                PythonInstallation python;
                try
                {
                    python = await PythonInstallation.DiscoverAsync(specs[i]).ConfigureAwait(false);
                }
                catch (PythonNotFoundException e)
                {
                    throw new UsageException(e.Message);
                }
                if (seen.TryGetValue(python.Version, out var other))
                    throw new UsageException($"--python {specs[i]} and --python {other} are both CPython {python.Version}; give each version once");
                seen[python.Version] = specs[i] ?? "python3";
                list.Add(new CPythonBackend(specs[i], isReference: i == 0));
            }
        }
        if (which is "csharp" or "all")
            list.Add(new CSharpBackend());
        return list;
    }
}
