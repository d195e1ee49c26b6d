using System.Text.Json.Nodes;

namespace Conformance.Harness.Fuzzing.Internal;

/// <summary>
/// Delta debugging on a document: drop steps, splice a block's steps in place of the block, replace a subexpression
/// by one of its operands or by a small literal, drop list items; a candidate is kept when the validator accepts it,
/// it is shorter, and <c>stillDiffers</c> holds. Repeats until no candidate is kept (or the budget of tries is spent).
/// </summary>
internal static class Reducer
{
    private static readonly string[] BodyKeys = ["then", "else", "do", "try", "finally"];

    public static JsonObject Reduce(JsonObject document, Func<JsonObject, bool> stillDiffers, int maxTries = 1500)
    {
        var current = document;
        var size = YamlText.Write(current).Length;
        var tries = 0;
        var progress = true;
        while (progress && tries < maxTries)
        {
            progress = false;
            foreach (var candidate in Candidates(current))
            {
                var candidateSize = YamlText.Write(candidate).Length;
                if (candidateSize >= size || !Bounded(candidate["main"]))
                    continue;
                if (++tries > maxTries)
                    break;
                if (!stillDiffers(candidate))
                    continue;
                current = candidate;
                size = candidateSize;
                progress = true;
                break;
            }
        }
        return current;
    }

    /// <summary>
    /// Whether every while loop still counts: the generator's loops are <c>while: {lt: [$c, N]}</c> (or an <c>and</c>
    /// starting with it) whose body begins with <c>set: c, to: {add: [$c, 1]}</c>; a candidate without that step (or
    /// with it reduced) would loop for ever, printing until the machine's memory is gone.
    /// </summary>
    private static bool Bounded(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray list:
                return list.All(Bounded);
            case JsonObject map:
                if (map.ContainsKey("while"))
                {
                    var condition = map["while"] is JsonObject { } c && c["and"] is JsonArray { Count: > 0 } all ? all[0] : map["while"];
                    if (condition is not JsonObject { } lt || lt["lt"] is not JsonArray { Count: 2 } pair
                        || pair[0] is not JsonValue counter || !counter.TryGetValue<string>(out var reference) || !reference.StartsWith('$'))
                        return false;
                    if (map["do"] is not JsonArray { Count: > 0 } body || body[0] is not JsonObject first
                        || first["set"]?.ToJsonString() != JsonValue.Create(reference[1..]).ToJsonString()
                        || first["to"]?.ToJsonString() != new JsonObject { ["add"] = new JsonArray(JsonValue.Create(reference), JsonValue.Create(1L)) }.ToJsonString())
                        return false;
                }
                return map.All(kv => Bounded(kv.Value));
            default:
                return true;
        }
    }

    private static IEnumerable<JsonObject> Candidates(JsonObject document)
    {
        var paths = new List<List<object>>();
        Collect(document["main"], ["main"], paths);
        foreach (var path in paths)
        {
            var node = Get(document, path);
            var parentPath = path.Take(path.Count - 1).ToList();
            var parent = Get(document, parentPath);
            if (parent is JsonArray)
                yield return Edit(document, path, (p, last) => ((JsonArray)p).RemoveAt((int)last));
            if (node is JsonObject map)
            {
                // A block in place of its step (the step's body spliced into the enclosing list of steps).
                if (parent is JsonArray)
                {
                    foreach (var key in BodyKeys)
                    {
                        if (map[key] is JsonArray body)
                            yield return Splice(document, path, body);
                    }
                    if (map["except"] is JsonArray handlers)
                    {
                        foreach (var handler in handlers.OfType<JsonObject>())
                        {
                            if (handler["do"] is JsonArray body)
                                yield return Splice(document, path, body);
                        }
                    }
                }
                // An expression by one of its operands.
                foreach (var (key, value) in map)
                {
                    if (value is JsonArray items)
                    {
                        foreach (var item in items)
                        {
                            if (item is not JsonArray)
                                yield return Replace(document, path, item);
                        }
                    }
                    else if (key is not ("call" or "attr" or "format" or "set" or "for" or "type" or "as" or "raise" or "setitem"))
                    {
                        yield return Replace(document, path, value);
                    }
                }
            }
            foreach (var literal in Literals(node))
                yield return Replace(document, path, literal);
        }
    }

    private static IEnumerable<JsonNode?> Literals(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            if (s.Length > 1 && !s.StartsWith('$'))
            {
                yield return JsonValue.Create(s[..(s.Length / 2)]);
                yield return JsonValue.Create(s[(s.Length / 2)..]);
            }
            yield break;
        }
        if (node is null)
            yield break;
        yield return JsonValue.Create(0L);
        yield return JsonValue.Create(1L);
        yield return JsonValue.Create("a");
        yield return null;
    }

    private static void Collect(JsonNode? node, List<object> path, List<List<object>> paths)
    {
        switch (node)
        {
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    var p = new List<object>(path) { i };
                    paths.Add(p);
                    Collect(list[i], p, paths);
                }
                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    var p = new List<object>(path) { key };
                    if (value is not JsonArray)
                        paths.Add(p);
                    Collect(value, p, paths);
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode? root, List<object> path)
    {
        var node = root;
        foreach (var segment in path)
            node = segment is int i ? ((JsonArray)node!)[i] : ((JsonObject)node!)[(string)segment];
        return node;
    }

    private static JsonObject Edit(JsonObject document, List<object> path, Action<JsonNode, object> edit)
    {
        var copy = (JsonObject)document.DeepClone();
        var parent = Get(copy, path.Take(path.Count - 1).ToList())!;
        edit(parent, path[^1]);
        return copy;
    }

    private static JsonObject Replace(JsonObject document, List<object> path, JsonNode? replacement) =>
        Edit(document, path, (parent, last) =>
        {
            var value = replacement?.DeepClone();
            if (parent is JsonArray list)
                list[(int)last] = value;
            else
                ((JsonObject)parent)[(string)last] = value;
        });

    private static JsonObject Splice(JsonObject document, List<object> path, JsonArray body) =>
        Edit(document, path, (parent, last) =>
        {
            var list = (JsonArray)parent;
            var at = (int)last;
            list.RemoveAt(at);
            foreach (var step in body.Reverse())
                list.Insert(at, step?.DeepClone());
        });
}
