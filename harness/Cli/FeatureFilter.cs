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

    /// <summary>The filter the command line asks for, or null when it gives neither option.</summary>
    /// <exception cref="UsageException">An empty or unlisted name, or a suite without a valid list.</exception>
    public static FeatureFilter? From(CommandLine line, SuitePaths paths)
    {
        if (!line.Has("features") && !line.Has("exclude-features"))
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
        return new FeatureFilter(Names(line, "features", list), Names(line, "exclude-features", list));
    }

    private static HashSet<string> Names(CommandLine line, string option, FeatureList list)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in line.GetAll(option))
        {
            foreach (var part in value.Split(','))
            {
                var name = part.Trim();
                if (name.Length == 0)
                    throw new UsageException($"--{option} '{value}' has an empty name; give feature names separated by commas, e.g. --{option} Queue,Pipe");
                if (!list.Contains(name))
                    throw new UsageException($"--{option}: {list.Unknown(name)}");
                names.Add(name);
            }
        }
        return names;
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
