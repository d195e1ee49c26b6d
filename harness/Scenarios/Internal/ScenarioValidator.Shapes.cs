using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Shape checks shared by every part of the document: keys, and the YAML type of a value.</summary>
internal sealed partial class ScenarioValidator
{
    /// <summary>Reports unknown and missing keys; returns false when something was missing.</summary>
    private bool CheckKeys(JsonObject map, string ptr, string what, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required)
    {
        foreach (var (key, _) in map)
        {
            if (!allowed.Contains(key))
                bag.Add(Pointer.Append(ptr, key), $"unknown key '{key}' in {what}; expected one of: {Names.List(allowed)}{Names.DidYouMean(key, allowed.Where(k => !map.ContainsKey(k)))}");
        }
        var complete = true;
        foreach (var key in required)
        {
            if (!map.ContainsKey(key))
            {
                bag.Add(ptr, $"missing key '{key}' in {what}");
                complete = false;
            }
        }
        return complete;
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a map",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
    };

    private JsonObject? Map(JsonNode? node, string ptr, string expected)
    {
        if (node is JsonObject map)
            return map;
        bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
        return null;
    }

    private JsonArray? List(JsonNode? node, string ptr, string expected)
    {
        if (node is JsonArray list)
            return list;
        bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
        return null;
    }

    private string? String(JsonNode? node, string ptr, string expected)
    {
        if (AsString(node) is { } s)
            return s;
        bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
        return null;
    }

    private double? Number(JsonNode? node, string ptr, string expected)
    {
        if (AsNumber(node) is { } d)
            return d;
        bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
        return null;
    }

    private long? Integer(JsonNode? node, string ptr, string expected)
    {
        if (node is JsonValue v && v.TryGetValue<long>(out var n))
            return n;
        bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
        return null;
    }

    private bool? Boolean(JsonNode? node, string ptr, string expected)
    {
        if (node is JsonValue v && v.TryGetValue<bool>(out var b))
            return b;
        bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
        return null;
    }

    private void StringList(JsonNode? node, string ptr, string expected, bool nonEmpty)
    {
        if (List(node, ptr, expected) is not { } list)
            return;
        if (nonEmpty && list.Count == 0)
            bag.Add(ptr, $"expected {expected}, found an empty list");
        for (var i = 0; i < list.Count; i++)
            String(list[i], Pointer.Append(ptr, i), "a string");
    }

    private static string? AsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? AsNumber(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => null,
    };
}
