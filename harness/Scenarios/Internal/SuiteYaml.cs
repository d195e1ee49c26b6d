using System.Text;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>One YAML file of the suite (a scenario, the expectations) read as JSON within the size limit, its syntax errors located.</summary>
/// <param name="Root">The document, or null when the YAML itself is broken.</param>
/// <param name="Bag">Its diagnostics so far (the syntax errors); checks of the content add to it.</param>
/// <param name="Locations">Where each node was written, by JSON pointer.</param>
/// <param name="SyntaxOk">No syntax error: the content can be checked.</param>
internal sealed record SuiteYaml(JsonNode? Root, DiagnosticBag Bag, Dictionary<string, (int Line, int Column)> Locations, bool SyntaxOk)
{
    /// <summary>Reads <paramref name="yaml"/>; a text past <see cref="ScenarioLimits.MaxFileBytes"/> throws with <paramref name="advice"/>.</summary>
    public static SuiteYaml Read(string file, string yaml, string advice)
    {
        // Counted as UTF-8, as the file would be on disk, so text and file meet the same limit; the reader relies on it.
        var size = Encoding.UTF8.GetByteCount(yaml);
        if (size > ScenarioLimits.MaxFileBytes)
            throw InputFile.TooLarge(file, size, advice);
        var locations = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var syntax = new List<(int Line, int Column, string Message)>();
        var root = YamlReader.Read(yaml, locations, syntax);
        var bag = new DiagnosticBag(file, locations);
        foreach (var (line, column, message) in syntax)
            bag.AddAt(line, column, message);
        return new SuiteYaml(root, bag, locations, syntax.Count == 0);
    }
}
