using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// The checklist items no scenario can pin on this suite's platform, from <c>scenarios/uncoverable.txt</c> (one per
/// line, <c>ID  reason</c>, <c>#</c> comments): Windows- or macOS-only behaviour, <c>python -O</c>, the fork start
/// method. <c>run --coverage</c> shows them with their reasons instead of as uncovered.
/// </summary>
public sealed class UncoverableList
{
    /// <summary>The list's file name in the scenarios folder.</summary>
    public const string FileName = "uncoverable.txt";

    /// <summary>How diagnostics name the list.</summary>
    public const string Where = "scenarios/" + FileName;

    private readonly Dictionary<string, (string Reason, int Line)> _items;

    private UncoverableList(Dictionary<string, (string Reason, int Line)> items, string file)
    {
        _items = items;
        File = file;
    }

    /// <summary>The file the list was read from, as diagnostics name it.</summary>
    public string File { get; }

    /// <summary>Every listed id with its reason.</summary>
    public IReadOnlyDictionary<string, string> Reasons => _items.ToDictionary(p => p.Key, p => p.Value.Reason, StringComparer.Ordinal);

    /// <summary>The reason <paramref name="id"/> is listed, or null when it is not.</summary>
    public string? ReasonFor(string id) => _items.TryGetValue(id, out var item) ? item.Reason : null;

    /// <summary>The 1-based line <paramref name="id"/> is listed on, or 0.</summary>
    public int LineOf(string id) => _items.TryGetValue(id, out var item) ? item.Line : 0;

    /// <summary>An empty list (a suite without <c>uncoverable.txt</c>).</summary>
    public static UncoverableList Empty { get; } = new([], Where);

    /// <summary>The list of the suite whose scenarios folder is <paramref name="scenariosRoot"/>, checked against <paramref name="checklist"/>; empty when the file is missing.</summary>
    /// <exception cref="ScenarioValidationException">Every problem of the list, located in it.</exception>
    public static UncoverableList Of(string scenariosRoot, SemanticsChecklist checklist)
    {
        var file = Path.Combine(scenariosRoot.Length == 0 ? "." : scenariosRoot, FileName);
        return System.IO.File.Exists(file)
            ? Parse(file, InputFile.Read(file, "; the list holds one checklist id and a reason per line"), checklist)
            : Empty;
    }

    /// <summary>Parses the list's text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="ScenarioValidationException">An id is unknown or listed twice, or a line has no reason.</exception>
    public static UncoverableList Parse(string file, string text, SemanticsChecklist checklist)
    {
        var problems = new List<ScenarioDiagnostic>();
        var items = new Dictionary<string, (string Reason, int Line)>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var column = raw.IndexOf(line[0], StringComparison.Ordinal) + 1;
            var space = line.IndexOfAny([' ', '\t']);
            var id = space < 0 ? line : line[..space];
            var reason = space < 0 ? "" : line[space..].Trim();
            if (!checklist.Contains(id))
                problems.Add(new ScenarioDiagnostic(file, i + 1, column, checklist.Unknown(id)));
            else if (reason.Length == 0)
                problems.Add(new ScenarioDiagnostic(file, i + 1, column, $"item '{id}' has no reason; write 'ID  why no scenario can pin it here', e.g. 'P-L13  needs python -O; the suite runs CPython without -O'"));
            else if (items.TryGetValue(id, out var first))
                problems.Add(new ScenarioDiagnostic(file, i + 1, column, $"item '{id}' is listed twice (first at line {first.Line}); list it once"));
            else
                items[id] = (reason, i + 1);
        }
        if (problems.Count > 0)
            throw new ScenarioValidationException(problems);
        return new UncoverableList(items, file);
    }

    /// <summary>
    /// An error for every listed item that a scenario covers (an item is either pinned or uncoverable, not both),
    /// naming the list's line and the scenario's <c>covers:</c> entry.
    /// </summary>
    public IReadOnlyList<ScenarioDiagnostic> Conflicts(IEnumerable<Scenario> scenarios)
    {
        var problems = new List<ScenarioDiagnostic>();
        foreach (var scenario in scenarios)
        {
            var covers = scenario.Covers;
            for (var i = 0; i < covers.Count; i++)
            {
                if (_items.TryGetValue(covers[i], out var item))
                    problems.Add(new ScenarioDiagnostic(File, item.Line, 1, $"item '{covers[i]}' is listed as uncoverable, but scenario {scenario.Id} covers it ({scenario.LocationOf($"/covers/{i}")}); remove the line here or the id from that scenario's covers"));
            }
        }
        return problems;
    }
}
