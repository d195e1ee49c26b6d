using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Cli;

/// <summary><c>validate</c>: load and check scenario files without running them.</summary>
internal static class ValidateCommand
{
    public static int Execute(CommandLine line)
    {
        line.RejectUnknown("root", "filter", "features", "exclude-features");
        var paths = line.Suite();
        var featureFilter = FeatureFilter.From(line, paths);
        if (line.Positional.Count > 0 && line.Has("filter"))
            throw new UsageException("give files or --filter, not both");
        // Path.GetFullPath throws on these; they cannot name a file, so they are a wrong command line.
        if (line.Positional.FirstOrDefault(p => p.Length == 0 || p.Contains('\0', StringComparison.Ordinal)) is { } bad)
            throw new UsageException($"'{bad.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a file name");
        var files = line.Positional.Count > 0
            ? [.. line.Positional.SelectMany(p => Named(paths, p)).Distinct(StringComparer.Ordinal)]
            : ScenarioLoader.Discover(paths.Scenarios, line.Get("filter"));
        if (files.Count == 0 && line.Get("filter") is { } filter)
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
