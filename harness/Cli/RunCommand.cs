using System.CommandLine;
using Conformance.Harness.Backends;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Snapshots;

namespace Conformance.Harness.Cli;

/// <summary><c>run</c>: every selected scenario on every selected backend, then the table and the reports.</summary>
internal static class RunCommand
{
    // The options, one line each: name, help, default, and the check the parser makes of the value.
    private static readonly Option<string> Backend = Options.OneOf("--backend", "the backends to run", "all", "cpython", "csharp", "all");
    private static readonly Option<string?> Filter = ValidateCommand.FilterOption();
    private static readonly Option<int> Repeat = Options.Whole("--repeat", "N", "run each scenario N times; runs that differ make it inconsistent", min: 1, fallback: 1);
    private static readonly Option<int?> Chaos = Options.Seed("--chaos", "SEED",
        "chaos mode: every process sleeps 0-5 ms (drawn from SEED) around every traced call; verdicts and snapshots must not change",
        "the seed of chaos mode's delays, e.g. --chaos 1");
    private static readonly Option<double> TimeoutMultiplier = Options.Positive("--timeout-multiplier", "F", "multiply every scenario's time limit by F (slow or loaded machines)", 1);
    private static readonly Option<string?> Json = Options.OutputFile("--json", "write the JSON report (a contract for tooling) to PATH");
    private static readonly Option<string?> Junit = Options.OutputFile("--junit", "write a JUnit XML report to PATH");
    private static readonly Option<string?> Html = Options.OutputFile("--html", "write a self-contained HTML report (the matrix, every trace as a timeline) to PATH");
    private static readonly Option<string[]> Python = Options.Repeated("--python", "PATH|VERSION",
        "a CPython interpreter (3.13: $(pyenv root)/versions/3.13*, then /usr/bin/python3.13); give it several times for a version " +
        "matrix, one column each; the first is the reference 'accept' promotes (default: CONFORMANCE_PYTHON's entries, else python3 on PATH)",
        Options.Interpreter);
    private static readonly Option<string[]> Features = ValidateCommand.FeaturesOption();
    private static readonly Option<string[]> ExcludeFeatures = ValidateCommand.ExcludeFeaturesOption();
    private static readonly Option<Shard?> ShardOption = Options.Shard("only the scenarios of shard I of N (a stable hash of the id)");
    private static readonly Option<bool> CoverageOption = Options.Flag("--coverage",
        "after the table, every item of docs/reference/cpython-semantics.md with the selected scenarios covering it and their verdicts, " +
        "the uncovered deterministic items, the uncoverable ones, per-section sums");
    private static readonly Option<int> Jobs = Options.Whole("--jobs", "N",
        "runs at once (default: the number of CPUs; 1 = one after another); the table and reports keep the sequential order",
        min: 1, fallback: Environment.ProcessorCount);
    private static readonly Option<string?> Root = Options.Root();

    /// <summary>The command, as the parser knows it.</summary>
    public static Command Create()
    {
        var command = new Command("run", "run scenarios on backends and print a scenario × backend table (exit 0 only when all pass)")
        {
            Backend, Filter, Repeat, Chaos, TimeoutMultiplier, Json, Junit, Html, Python, Features, ExcludeFeatures, ShardOption, CoverageOption, Jobs, Root,
        };
        command.Validators.Add(result => FeatureFilter.Validate(result, Features, ExcludeFeatures, Root));
        command.SetAction((parse, _) => ExecuteAsync(parse));
        return command;
    }

    public static async Task<int> ExecuteAsync(ParseResult line)
    {
        var paths = line.Suite(Root);
        var (json, junit, html) = (line.GetValue(Json), line.GetValue(Junit), line.GetValue(Html));
        var shard = line.GetValue(ShardOption);
        var featureFilter = FeatureFilter.From(line.GetValue(Features)!, line.GetValue(ExcludeFeatures)!, paths);
        var backends = await BackendsAsync(line.GetValue(Backend)!, line.GetValue(Python)!).ConfigureAwait(false);
        var repeat = line.GetValue(Repeat);
        var jobs = line.GetValue(Jobs);
        // More runs at once than CPUs share them: each run's time limit grows by that share, so a limit still measures
        // the run's own progress (the default, one run per CPU, changes nothing).
        var share = Math.Max(1.0, jobs / (double)Environment.ProcessorCount);
        var settings = new RunSettings { TimeoutMultiplier = line.GetValue(TimeoutMultiplier) * share, ChaosSeed = line.GetValue(Chaos), KeepDetails = html is not null };
        var filter = line.GetValue(Filter);

        var files = ScenarioLoader.Discover(paths.Scenarios, filter);
        if (files.Count == 0)
            throw new UsageException($"no scenario under {paths.Scenarios} matches '{filter ?? "*"}'");
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
        var lists = ValidateCommand.CheckCoverageLists(paths, scenarios);
        if (invalid > 0 || expectations is null || !lists)
        {
            Console.Error.WriteLine($"{invalid + (expectations is null ? 1 : 0) + (lists ? 0 : 1)} file(s) invalid; nothing was run.");
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
        var coverage = Coverage.Of(paths, scenarios);
        if (line.GetValue(CoverageOption))
            Console.WriteLine(coverage is null ? $"coverage: this suite has no {SemanticsChecklist.Where}" : CoverageText.Render(coverage, results));
        Console.WriteLine(ConsoleTable.Overheads(results));
        // A verified snapshot of a scenario that no longer exists judges nothing and hides a rename: it fails the run.
        var dangling = SnapshotStore.Dangling(paths.Expected, ValidateCommand.SuiteIds(paths));
        foreach (var file in dangling)
            Console.Error.WriteLine($"dangling snapshot: {file} has no scenario; rename it with its scenario, or remove it with 'accept --prune'");
        try
        {
            if (json is not null)
                JsonReport.Write(json, results, coverage);
            if (junit is not null)
                JUnitReport.Write(junit, results);
            if (html is not null)
            {
                HtmlReport.Write(html, results, scenarios.ToDictionary(s => s.Id, s => s.Document["description"]?.GetValue<string>() ?? ""), coverage);
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

    /// <summary>
    /// The backends of <c>--backend</c>; each <c>--python</c> (a path or a version; else the entries of
    /// <c>CONFORMANCE_PYTHON</c>; else <c>python3</c> on PATH) is a CPython column of its own, the first the reference.
    /// Every interpreter is checked before anything runs: a missing one, or one pythonnet cannot load, is refused once.
    /// </summary>
    private static async Task<List<IBackend>> BackendsAsync(string which, IReadOnlyList<string> pythons)
    {
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
