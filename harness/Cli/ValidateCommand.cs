using System.CommandLine;
using System.CommandLine.Completions;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Cli;

/// <summary><c>validate</c>: load and check scenario files without running them.</summary>
internal static class ValidateCommand
{
    private static readonly Argument<string[]> Targets = TargetsArgument();
    private static readonly Option<string?> Filter = FilterOption();
    private static readonly Option<string[]> Features = FeaturesOption();
    private static readonly Option<string[]> ExcludeFeatures = ExcludeFeaturesOption();
    private static readonly Option<string?> Root = Options.Root();

    /// <summary>The command, as the parser knows it.</summary>
    public static Command Create()
    {
        var command = new Command("validate", "check scenario files (all, or those given: files, or id globs such as 'queue/**') and expected/expectations.yaml; exit 2 when invalid")
        {
            Targets, Filter, Features, ExcludeFeatures, Root,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(Targets) is { Tokens.Count: > 0 } && result.GetResult(Filter) is not null)
                result.AddError("give files or --filter, not both");
        });
        command.Validators.Add(result => FeatureFilter.Validate(result, Features, ExcludeFeatures, Root));
        command.SetAction(Execute);
        return command;
    }

    /// <summary><c>--filter GLOB</c> (run and validate): the scenario ids to take.</summary>
    public static Option<string?> FilterOption() =>
        Options.Text("--filter", "GLOB", "scenario ids, e.g. 'tutorial/0*' or 'queue/**'", "needs a glob of scenario ids (e.g. 'queue/**'), not an empty one", Ids);

    /// <summary><c>--features A,B</c> (run and validate).</summary>
    public static Option<string[]> FeaturesOption() =>
        Options.Names("--features", "A,B", "only scenarios with any of these features (repeatable; names from scenarios/features.txt, as test262-harness's --features)", FeatureFilter.Listed);

    /// <summary><c>--exclude-features C</c> (run and validate).</summary>
    public static Option<string[]> ExcludeFeaturesOption() =>
        Options.Names("--exclude-features", "C", "leave out scenarios with any of these features (repeatable, comma lists)", FeatureFilter.Listed);

    private static Argument<string[]> TargetsArgument()
    {
        var targets = new Argument<string[]>("files-or-globs")
        {
            Description = "scenario files, or id globs such as 'queue/**' (an argument that ends in .yaml or names an existing path is a file)",
            Arity = ArgumentArity.ZeroOrMore,
            // The help label would otherwise list every completion: every scenario id.
            HelpName = "FILE|GLOB",
        };
        // Path.GetFullPath throws on these; they cannot name a file, so they are a wrong command line.
        targets.Validators.Add(result =>
        {
            if (result.Tokens.Select(t => t.Value).FirstOrDefault(p => p.Length == 0 || p.Contains('\0', StringComparison.Ordinal)) is { } bad)
                result.AddError($"'{bad.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a file name");
        });
        targets.CompletionSources.Add(Ids);
        return targets;
    }

    /// <summary>
    /// The scenario ids of the suite found from the current folder, and a glob per folder (<c>queue/**</c>): the
    /// completions of <c>--filter</c> and of validate's arguments.
    /// </summary>
    public static IEnumerable<string> Ids(CompletionContext context)
    {
        try
        {
            var paths = SuitePaths.Locate();
            var ids = ScenarioLoader.Discover(paths.Scenarios).Select(f => ScenarioLoader.IdOf(paths.Scenarios, f)).ToList();
            return ids.Select(id => id[..(id.IndexOf('/', StringComparison.Ordinal) + 1)] + "**").Where(g => g != "**").Distinct(StringComparer.Ordinal)
                .Concat(ids).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static int Execute(ParseResult line)
    {
        var paths = line.Suite(Root);
        var featureFilter = FeatureFilter.From(line.GetValue(Features)!, line.GetValue(ExcludeFeatures)!, paths);
        var targets = line.GetValue(Targets) ?? [];
        var filter = line.GetValue(Filter);
        var files = targets.Length > 0
            ? [.. targets.SelectMany(p => Named(paths, p)).Distinct(StringComparer.Ordinal)]
            : ScenarioLoader.Discover(paths.Scenarios, filter);
        if (files.Count == 0 && filter is not null)
            throw new UsageException($"no scenario under {paths.Scenarios} matches '{filter}'");
        var (valid, invalid) = LoadAll(paths, files);
        if (LoadExpectations(paths) is null)
            invalid++;
        if (!CheckCoverageLists(paths, valid))
            invalid++;
        if (featureFilter is not null)
        {
            // An invalid file is always reported: its features cannot be trusted to leave it out.
            var loaded = valid.Count;
            valid = [.. valid.Where(featureFilter.Selects)];
            Console.WriteLine($"features {featureFilter}: {valid.Count} of {loaded} valid scenario(s)");
        }
        Console.WriteLine($"{valid.Count} valid, {invalid} invalid");
        return invalid == 0 ? 0 : 2;
    }

    /// <summary>
    /// The files an argument names: an argument that ends in <c>.yaml</c> or names an existing path is a file (a
    /// missing or unreadable one is then a located error); anything else is an id glob, as <c>--filter</c> takes
    /// (<c>queue/**</c>), which must match some scenario.
    /// </summary>
    private static IEnumerable<string> Named(SuitePaths paths, string argument)
    {
        if (argument.EndsWith(".yaml", StringComparison.Ordinal) || Path.Exists(argument))
            return [Path.GetFullPath(argument)];
        var matched = ScenarioLoader.Discover(paths.Scenarios, argument);
        return matched.Count > 0
            ? matched
            : throw new UsageException($"'{argument}' is neither a file nor an id glob that matches a scenario under {paths.Scenarios} (ids look like queue/fifo-per-producer; globs like 'queue/**')");
    }

    /// <summary>Every scenario id of the suite.</summary>
    public static IReadOnlySet<string> SuiteIds(SuitePaths paths) =>
        ScenarioLoader.Discover(paths.Scenarios).Select(f => ScenarioLoader.IdOf(paths.Scenarios, f)).ToHashSet(StringComparer.Ordinal);

    /// <summary>expected/expectations.yaml checked against every scenario id of the suite; null (diagnostics on stderr) when invalid.</summary>
    public static Expectations? LoadExpectations(SuitePaths paths)
    {
        var ids = SuiteIds(paths);
        try
        {
            return Expectations.Load(paths, ids);
        }
        catch (ScenarioValidationException e)
        {
            foreach (var diagnostic in e.Diagnostics)
                Console.Error.WriteLine(diagnostic);
            return null;
        }
    }

    /// <summary>
    /// The checklist and <c>scenarios/uncoverable.txt</c> checked (ids exist, none listed twice, no listed item
    /// covered by one of <paramref name="scenarios"/>); false (diagnostics on stderr) when either is invalid.
    /// </summary>
    public static bool CheckCoverageLists(SuitePaths paths, IEnumerable<Scenario> scenarios)
    {
        try
        {
            if (SemanticsChecklist.Of(paths.Scenarios) is not { } checklist)
                return true;
            var conflicts = UncoverableList.Of(paths.Scenarios, checklist).Conflicts(scenarios);
            foreach (var diagnostic in conflicts)
                Console.Error.WriteLine(diagnostic);
            return conflicts.Count == 0;
        }
        catch (ScenarioValidationException e)
        {
            foreach (var diagnostic in e.Diagnostics)
                Console.Error.WriteLine(diagnostic);
            return false;
        }
    }

    /// <summary>Loads every file, printing each diagnostic as <c>file:line:column: message</c> on stderr.</summary>
    public static (List<Scenario> Valid, int Invalid) LoadAll(SuitePaths paths, IEnumerable<string> files)
    {
        var valid = new List<Scenario>();
        var invalid = 0;
        // The feature list and the checklist are checked once, up front: invalid, they would be reported again for every scenario.
        try
        {
            FeatureList.Of(paths.Scenarios);
            SemanticsChecklist.Of(paths.Scenarios);
        }
        catch (ScenarioValidationException e)
        {
            foreach (var diagnostic in e.Diagnostics)
                Console.Error.WriteLine(diagnostic);
            return (valid, 1);
        }
        foreach (var file in files)
        {
            try
            {
                valid.Add(ScenarioLoader.Load(paths.Scenarios, file));
            }
            catch (ScenarioValidationException e)
            {
                invalid++;
                foreach (var diagnostic in e.Diagnostics)
                    Console.Error.WriteLine(diagnostic);
            }
        }
        return (valid, invalid);
    }
}
