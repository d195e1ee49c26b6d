using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Finds the names a body binds anywhere in it (set, for, with-as, except-as), as Python's compiler does.</summary>
internal static class Bindings
{
    /// <summary>Each bound name with the types of its binding sites (null when the site is not <c>set: x, to: {new: T}</c>).</summary>
    public static Dictionary<string, List<string?>> Collect(JsonNode? steps)
    {
        var found = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        Walk(steps, found);
        return found;
    }

    public static Dictionary<string, string> ObviousTypes(Dictionary<string, List<string?>> bindings) =>
        bindings.Where(b => b.Value is [{ } type]).ToDictionary(b => b.Key, b => b.Value[0]!, StringComparer.Ordinal);

    private static void Walk(JsonNode? steps, Dictionary<string, List<string?>> found)
    {
        if (steps is not JsonArray list)
            return;
        foreach (var step in list)
        {
            if (step is not JsonObject o)
                continue;
            if (Str(o["set"]) is { } target && Names.IsIdentifier(target))
                Bind(found, target, o["to"] is JsonObject to && to.Count > 0 && Str(to["new"]) is { } type ? type : null);
            foreach (var unpacked in TargetNames(o["set"] as JsonArray))
                Bind(found, unpacked, null);
            if (o.ContainsKey("for") && Str(o["for"]) is { } loopVar)
                Bind(found, loopVar, null);
            foreach (var unpacked in TargetNames(o["for"] as JsonArray))
                Bind(found, unpacked, null);
            if (o.ContainsKey("with") && Str(o["as"]) is { } withVar)
                Bind(found, withVar, null);
            if (o["except"] is JsonArray handlers)
            {
                foreach (var handler in handlers.OfType<JsonObject>())
                {
                    if (Str(handler["as"]) is { } errorVar)
                        Bind(found, errorVar, null);
                    Walk(handler["do"], found);
                }
            }
            foreach (var body in new[] { "do", "then", "else", "try", "finally" })
                Walk(o[body], found);
        }
    }

    /// <summary>The names of a target list (<c>set: [a, [b, c]]</c>), depth first; nothing for a single target.</summary>
    public static IEnumerable<string> TargetNames(JsonArray? targets)
    {
        if (targets is null)
            yield break;
        foreach (var item in targets)
        {
            if (item is JsonArray nested)
            {
                foreach (var name in TargetNames(nested))
                    yield return name;
            }
            else if (Str(item) is { } name && Names.IsIdentifier(name))
                yield return name;
        }
    }

    private static void Bind(Dictionary<string, List<string?>> found, string name, string? type)
    {
        if (!found.TryGetValue(name, out var sites))
            found[name] = sites = [];
        sites.Add(type);
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
