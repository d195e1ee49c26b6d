using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Scenarios;

/// <summary>Finds scenario files and loads them into validated <see cref="Scenario"/>s.</summary>
public static class ScenarioLoader
{
    /// <summary>Every <c>*.yaml</c> file below <paramref name="scenariosRoot"/>, ordered by id, optionally filtered by an id glob.</summary>
    /// <param name="scenariosRoot">The <c>scenarios/</c> folder.</param>
    /// <param name="filterGlob">A glob on ids: <c>*</c> matches within a path segment, <c>**</c> across segments, <c>?</c> one character.</param>
    public static IReadOnlyList<string> Discover(string scenariosRoot, string? filterGlob = null)
    {
        var filter = filterGlob is null ? null : Glob.IdPattern(filterGlob);
        return Directory.EnumerateFiles(scenariosRoot, "*.yaml", SearchOption.AllDirectories)
            .Select(file => (File: file, Id: IdOf(scenariosRoot, file)))
            .Where(f => filter is null || filter.IsMatch(f.Id))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => f.File)
            .ToList();
    }

    /// <summary>The id of a file: its path under the root without <c>.yaml</c>, with <c>/</c> separators.</summary>
    public static string IdOf(string scenariosRoot, string file)
    {
        var relative = Path.GetRelativePath(scenariosRoot.Length == 0 ? "." : scenariosRoot, file).Replace(Path.DirectorySeparatorChar, '/');
        return relative.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? relative[..^".yaml".Length] : relative;
    }

    /// <summary>Reads, types and validates one scenario file.</summary>
    /// <exception cref="ScenarioValidationException">Anything is wrong with it; every problem found is listed.</exception>
    public static Scenario Load(string scenariosRoot, string file) =>
        Parse(scenariosRoot, file, InputFile.Read(file, Advice));

    /// <summary>How a scenario past the size limit is fixed.</summary>
    private const string Advice = " for a scenario file; split the behaviour into several scenarios";

    /// <summary>Like <see cref="Load"/>, for text that is not (yet) on disk; <paramref name="file"/> names it in diagnostics and gives the id.</summary>
    public static Scenario Parse(string scenariosRoot, string file, string yaml)
    {
        var (root, bag, locations, syntaxOk) = SuiteYaml.Read(file, yaml, Advice);

        var id = IdOf(scenariosRoot, file);
        if (id.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(id))
            bag.AddAt(1, 1, $"the file is not under the scenarios folder '{scenariosRoot}', so it has no id");

        if (root is not JsonObject doc)
        {
            if (syntaxOk)
                bag.Add("", $"expected a map of top-level keys (description, features, main, ...), found {(root is null ? "an empty document" : root is JsonArray ? "a list" : "a single value")}");
            throw new ScenarioValidationException(bag.Sorted());
        }

        // A document that carries its own "id" is rejected as an unknown key: the id is always the file's path.
        new ScenarioValidator(doc, bag) { Features = FeatureList.Of(scenariosRoot), Checklist = SemanticsChecklist.Of(scenariosRoot) }.Validate();
        if (bag.Count > 0)
            throw new ScenarioValidationException(bag.Sorted());

        doc["id"] = id;
        // Re-read as parsed JSON: such nodes convert between numeric types (an int read as double, a long as int),
        // which every consumer of the document relies on, exactly as a backend reading the JSON file would.
        var parsed = JsonNode.Parse(doc.ToJsonString())!.AsObject();
        var timeout = ScenarioTimeout.Of(parsed["timeout"]);
        return new Scenario(id, file, parsed, timeout.Seconds, locations)
        {
            Timeout = timeout,
            Invariants = RuleReader.Invariants(parsed["invariants"]),
            Output = RuleReader.Output(parsed["output"]),
        };
    }
}
