using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>The <c>output</c> rules: scrub, sort, collapse; every regex must compile as a .NET regex.</summary>
internal sealed partial class ScenarioValidator
{
    private void Output(JsonNode? node, string ptr)
    {
        if (Map(node, ptr, "a map of output rules (scrub, sort, collapse)") is not { } output)
            return;
        CheckKeys(output, ptr, "output", Vocabulary.Output.Allowed, Vocabulary.Output.Required);

        if (output.TryGetPropertyValue("scrub", out var scrub) && List(scrub, ptr + "/scrub", "a list of scrub entries") is { } entries)
        {
            for (var i = 0; i < entries.Count; i++)
                Scrub(entries[i], Pointer.Append(ptr + "/scrub", i));
        }
        if (output.TryGetPropertyValue("sort", out var sort) && List(sort, ptr + "/sort", "a list of groups (a regex or a list of regexes each)") is { } groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                var gptr = Pointer.Append(ptr + "/sort", i);
                if (groups[i] is JsonArray group)
                    Regexes(group, gptr, nonEmpty: true);
                else
                    Pattern(groups[i], gptr);
            }
        }
        if (output.TryGetPropertyValue("collapse", out var collapse) && List(collapse, ptr + "/collapse", "a list of regexes") is { } patterns)
            Regexes(patterns, ptr + "/collapse", nonEmpty: false);
        if (output.TryGetPropertyValue("stderr", out var stderr) && List(stderr, ptr + "/stderr", "a list of regexes") is { } kept)
            Regexes(kept, ptr + "/stderr", nonEmpty: true);
    }

    private void Scrub(JsonNode? node, string ptr)
    {
        if (Map(node, ptr, "a scrub entry ({regex, replace} or {value, token, in})") is not { } entry)
            return;
        if (entry.ContainsKey("value") || entry.ContainsKey("token"))
        {
            CheckKeys(entry, ptr, "a value scrub entry", Vocabulary.Scrub("value").Allowed, Vocabulary.Scrub("value").Required);
            if (entry.TryGetPropertyValue("value", out var value))
                MachineValue(value, ptr + "/value");
            if (entry.TryGetPropertyValue("token", out var token))
                String(token, ptr + "/token", "a replacement token");
            if (entry.TryGetPropertyValue("in", out var within))
                Pattern(within, ptr + "/in");
            return;
        }
        CheckKeys(entry, ptr, "a regex scrub entry", Vocabulary.Scrub("regex").Allowed, Vocabulary.Scrub("regex").Required);
        if (entry.TryGetPropertyValue("regex", out var regex))
            Pattern(regex, ptr + "/regex");
        if (entry.TryGetPropertyValue("replace", out var replace))
            String(replace, ptr + "/replace", "a replacement string");
    }

    /// <summary>A number that depends on the machine: numbers, <c>$cpu_count</c>, add/sub/mul/floordiv.</summary>
    private void MachineValue(JsonNode? node, string ptr)
    {
        if (AsNumber(node) is { } number)
        {
            // Machine values are integers (counts, range ends, scrubbed numbers): 1.5 inside {mul: [...]} is refused too.
            if (number != Math.Floor(number) || Math.Abs(number) > 9e15)
                bag.Add(ptr, $"a machine value is a whole number, found {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            return;
        }
        if (AsString(node) == "$cpu_count")
            return;
        if (node is JsonObject { Count: 1 } map && Vocabulary.MachineOperators.Contains(map.First().Key))
        {
            var (op, operands) = map.First();
            var head = Pointer.Append(ptr, op);
            if (List(operands, head, "a list of two operands [a, b]") is not { } list)
                return;
            if (list.Count != 2)
                bag.Add(head, $"'{op}' takes exactly two operands, found {list.Count}");
            for (var i = 0; i < list.Count; i++)
                MachineValue(list[i], Pointer.Append(head, i));
            return;
        }
        bag.Add(ptr, $"a machine value may only use numbers, $cpu_count and add, sub, mul, floordiv; found {Describe(node)}");
    }

    private static string Describe(JsonNode? node) => node switch
    {
        JsonObject map => $"a map with keys {Names.List(map.Select(kv => $"'{kv.Key}'"))}",
        _ when AsString(node) is { } s => $"'{s}'",
        _ => Kind(node),
    };

    private void Regexes(JsonArray list, string ptr, bool nonEmpty)
    {
        if (nonEmpty && list.Count == 0)
            bag.Add(ptr, "expected at least one regex, found an empty list");
        for (var i = 0; i < list.Count; i++)
            Pattern(list[i], Pointer.Append(ptr, i));
    }

    /// <summary>A .NET regex; returns it when it compiles.</summary>
    private Regex? Pattern(JsonNode? node, string ptr)
    {
        if (String(node, ptr, "a regular expression (a string)") is not { } pattern)
            return null;
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            bag.Add(ptr, $"bad regular expression '{pattern}': {e.Message}");
            return null;
        }
    }
}
