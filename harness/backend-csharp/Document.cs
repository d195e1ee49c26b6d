using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Conformance.Backend.CSharp;

/// <summary>The scenario document as plain values (Python's <c>json.load</c>): maps, lists, strings, longs, doubles, bools, nulls.</summary>
public static class Document
{
    /// <summary>Primitive types the impl library does not provide yet: a scenario using one reports not-implemented.</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>();

    /// <summary>Loads the document at <paramref name="path"/>.</summary>
    public static Dictionary<string, object?> Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        return (Dictionary<string, object?>)Plain(json.RootElement)!;
    }

    /// <summary>Parses JSON text (tests).</summary>
    public static object? Parse(string text)
    {
        using var json = JsonDocument.Parse(text);
        return Plain(json.RootElement);
    }

    /// <summary>Converts a JSON element into plain values.</summary>
    public static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => Map(e),
        JsonValueKind.Array => Array(e),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Dictionary<string, object?> Map(JsonElement e)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
            d[p.Name] = Plain(p.Value);
        return d;
    }

    private static List<object?> Array(JsonElement e)
    {
        var l = new List<object?>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
            l.Add(Plain(item));
        return l;
    }

    /// <summary>
    /// The first feature of the document the backend lacks (<c>new: Manager</c>, <c>new: Pool</c>), in document order,
    /// or null; checked before anything runs, so an unsupported scenario produces no partial output.
    /// </summary>
    public static string? FirstUnsupported(object? node)
    {
        switch (node)
        {
            case Dictionary<string, object?> map:
                if (map.TryGetValue("new", out var type) && type is string t && Unsupported.Contains(t))
                    return t;
                foreach (var value in map.Values)
                {
                    if (FirstUnsupported(value) is { } found)
                        return found;
                }
                return null;
            case List<object?> list:
                foreach (var value in list)
                {
                    if (FirstUnsupported(value) is { } found)
                        return found;
                }
                return null;
            default:
                return null;
        }
    }
}
