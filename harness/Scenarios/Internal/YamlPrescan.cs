using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Checks a YAML file's event stream against <see cref="ScenarioLimits"/> and refuses anchors and aliases, before any tree is built.</summary>
/// <remarks>
/// YamlDotNet's representation model expands every alias and recurses once per nesting level, so ten lines of nested
/// aliases grow to gigabytes and a file of nested brackets overflows the stack. Its event parser does neither: it holds
/// one event at a time and keeps its own nesting on the heap, so this walk costs no more than the file's size.
/// </remarks>
internal static class YamlPrescan
{
    /// <summary>True when the tree may be built; otherwise <paramref name="diagnostics"/> says why.</summary>
    /// <remarks>Every anchor and alias is reported (there are at most <see cref="ScenarioLimits.MaxNodes"/>); the walk stops at the first node past a limit.</remarks>
    /// <exception cref="YamlException">The YAML is broken; the caller reports it like any syntax error.</exception>
    public static bool Passes(IParser parser, List<(int Line, int Column, string Message)> diagnostics)
    {
        var passes = true;
        var depth = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            if (e is AnchorAlias or NodeEvent && ++nodes > ScenarioLimits.MaxNodes)
            {
                Add(diagnostics, e.Start, string.Create(CultureInfo.InvariantCulture,
                    $"the file has more than {ScenarioLimits.MaxNodes:N0} YAML nodes (keys, values and list items), the limit for a scenario file; split the behaviour into several scenarios"));
                return false;
            }
            if (e is AnchorAlias alias)
            {
                Add(diagnostics, e.Start, $"alias '*{alias.Value.Value}': YAML anchors and aliases are not allowed in scenario files; write the value out");
                passes = false;
            }
            else if (e is NodeEvent { Anchor.IsEmpty: false } node)
            {
                Add(diagnostics, e.Start, $"anchor '&{node.Anchor.Value}': YAML anchors and aliases are not allowed in scenario files; write the value out");
                passes = false;
            }

            if (e is MappingStart or SequenceStart && ++depth > ScenarioLimits.MaxDepth)
            {
                Add(diagnostics, e.Start, string.Create(CultureInfo.InvariantCulture,
                    $"lists and maps are nested more than {ScenarioLimits.MaxDepth} levels deep here, the limit for a scenario file; move the inner part into a function or flatten it"));
                return false;
            }
            if (e is MappingEnd or SequenceEnd)
                depth--;
        }
        return passes;
    }

    private static void Add(List<(int, int, string)> diagnostics, Mark at, string message) =>
        diagnostics.Add(((int)at.Line, (int)at.Column, message));
}
