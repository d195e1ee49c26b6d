using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// The names a scenario's <c>features:</c> may use, from <c>scenarios/features.txt</c> (one per line, sorted,
/// <c>#</c> comments): one list, so <c>run --features X</c> selects what authors meant and a typo is an error.
/// </summary>
public sealed class FeatureList
{
    /// <summary>The list's file name in the scenarios folder.</summary>
    public const string FileName = "features.txt";

    /// <summary>How diagnostics and usage errors name the list.</summary>
    public const string Where = "scenarios/" + FileName;

    /// <summary>Parsed lists by full path (a suite loads it once per scenario).</summary>
    private static readonly ParsedFileCache<FeatureList> Cache = new();

    private readonly HashSet<string> _names;

    private FeatureList(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);

    /// <summary>Every listed name.</summary>
    public IReadOnlySet<string> Names => _names;

    /// <summary>
    /// The list of the suite whose scenarios folder is <paramref name="scenariosRoot"/>, or null when it has no
    /// <c>features.txt</c> (a throw-away suite, inline YAML in tests, the language fuzzer): then names are not checked.
    /// The repository's own list is required by a test, so deleting it cannot switch the check off unnoticed.
    /// </summary>
    /// <exception cref="ScenarioValidationException">The list itself is invalid; every problem, located in the list.</exception>
    public static FeatureList? Of(string scenariosRoot) =>
        Cache.Get(Path.GetFullPath(Path.Combine(scenariosRoot.Length == 0 ? "." : scenariosRoot, FileName)),
            file => Parse(file, InputFile.Read(file, "; the feature list holds one short name per line")));

    /// <summary>Parses the list's text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="ScenarioValidationException">A name is duplicated, out of order, or holds a character flags cannot pass.</exception>
    public static FeatureList Parse(string file, string text)
    {
        var problems = new List<ScenarioDiagnostic>();
        var names = new List<string>();
        string? previous = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var name = raw.Trim();
            if (name.Length == 0 || name.StartsWith('#'))
                continue;
            var column = raw.IndexOf(name[0], StringComparison.Ordinal) + 1;
            // ',' separates names in --features A,B; '#' would read as a comment; a control character would rewrite the terminal.
            if (name.Any(c => c is ',' or '#' || char.IsControl(c)))
            {
                problems.Add(new ScenarioDiagnostic(file, i + 1, column, $"feature '{name}' holds ',', '#' or a control character; a feature name is plain text such as Queue or shared memory"));
                continue;
            }
            if (names.Contains(name, StringComparer.Ordinal))
                problems.Add(new ScenarioDiagnostic(file, i + 1, column, $"feature '{name}' is listed twice; list it once"));
            else if (previous is not null && string.CompareOrdinal(previous, name) > 0)
                problems.Add(new ScenarioDiagnostic(file, i + 1, column, $"feature '{name}' is out of order after '{previous}'; the list is sorted by ordinal comparison (capitals first), so a name is easy to find and a merge adds lines without conflicts"));
            names.Add(name);
            previous = name;
        }
        if (problems.Count > 0)
            throw new ScenarioValidationException(problems);
        return new FeatureList(names);
    }

    /// <summary>True when <paramref name="name"/> is listed.</summary>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Why <paramref name="name"/> is refused, with a did-you-mean when a listed name is close (case is a typo too).</summary>
    public string Unknown(string name)
    {
        var suggestion = _names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? Internal.Names.Suggest(name, _names.Order(StringComparer.Ordinal));
        return $"unknown feature '{name}'; features are listed in {Where}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
    }
}
