using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Cli;

/// <summary>
/// <c>--features A,B</c> (a scenario with any of them) and <c>--exclude-features C</c> (none of them), as
/// test262-harness takes them: each repeatable, each value a comma list, every name one of <c>scenarios/features.txt</c>.
/// </summary>
internal sealed class FeatureFilter
{
    private readonly IReadOnlySet<string> _include;
    private readonly IReadOnlySet<string> _exclude;

    private FeatureFilter(IReadOnlySet<string> include, IReadOnlySet<string> exclude) => (_include, _exclude) = (include, exclude);

    /// <summary>The filter of the names given (already split and trimmed by the parser), or null when neither option is given.</summary>
    /// <exception cref="UsageException">An unlisted name, or a suite without a valid list.</exception>
    public static FeatureFilter? From(IReadOnlyList<string> include, IReadOnlyList<string> exclude, SuitePaths paths)
    {
        if (include.Count == 0 && exclude.Count == 0)
            return null;
        FeatureList list;
        try
        {
            list = FeatureList.Of(paths.Scenarios)
                ?? throw new UsageException($"--features and --exclude-features select by the names of {FeatureList.Where}, and {paths.Scenarios} has no {FeatureList.FileName}");
        }
        catch (ScenarioValidationException e)
        {
            throw new UsageException($"{FeatureList.Where} is invalid, so features cannot be selected:\n" + string.Join('\n', e.Diagnostics));
        }
        return new FeatureFilter(Checked("--features", include, list), Checked("--exclude-features", exclude, list));
    }

    /// <summary>
    /// The parser's check of both options against the suite's list (<c>--root</c>'s, else the one found from the current
    /// folder), so an unknown name is a usage error naming the list before anything runs.
    /// </summary>
    public static void Validate(CommandResult result, Option<string[]> include, Option<string[]> exclude, Option<string?> root)
    {
        if (result.GetResult(include) is null && result.GetResult(exclude) is null)
            return;
        string[] included, excluded;
        string? folder;
        try
        {
            (included, excluded, folder) = (result.GetValue(include) ?? [], result.GetValue(exclude) ?? [], result.GetValue(root));
        }
        catch (InvalidOperationException)
        {
            return; // a value the option's own parser refused, and reported
        }
        SuitePaths paths;
        try
        {
            paths = SuitePaths.Locate(folder);
        }
        catch (DirectoryNotFoundException e)
        {
            result.AddError(e.Message);
            return;
        }
        try
        {
            From(included, excluded, paths);
        }
        catch (UsageException e)
        {
            result.AddError(e.Message);
        }
    }

    /// <summary>The feature names of the suite found from the current folder: <c>--features</c>' completions.</summary>
    public static IEnumerable<string> Listed(CompletionContext context) =>
        FeatureList.Of(SuitePaths.Locate().Scenarios)?.Names.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();

    private static HashSet<string> Checked(string option, IReadOnlyList<string> names, FeatureList list)
    {
        foreach (var name in names)
        {
            if (!list.Contains(name))
                throw new UsageException($"{option}: {list.Unknown(name)}");
        }
        return names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when the scenario has one of the included features (or none are asked for) and none of the excluded.</summary>
    public bool Selects(Scenario scenario)
    {
        var features = scenario.Document["features"]?.AsArray().Select(f => f?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        return (_include.Count == 0 || _include.Overlaps(features)) && !_exclude.Overlaps(features);
    }

    /// <summary>The selection in words, for the line that says how many scenarios it kept.</summary>
    public override string ToString() =>
        string.Join("; ", new[]
        {
            _include.Count > 0 ? $"with any of {string.Join(", ", _include)}" : null,
            _exclude.Count > 0 ? $"without {string.Join(", ", _exclude)}" : null,
        }.OfType<string>());
}
