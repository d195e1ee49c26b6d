using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Invariants: a unique kebab-case name, one kind with its fields, and selectors that can match something.</summary>
internal sealed partial class ScenarioValidator
{
    private void Invariants(JsonNode? node, string ptr)
    {
        if (List(node, ptr, "a list of invariants") is not { } list)
            return;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var iptr = Pointer.Append(ptr, i);
            if (Map(list[i], iptr, "an invariant ({name, <kind>})") is not { } invariant)
                continue;
            CheckKeys(invariant, iptr, "an invariant", ["name", .. Vocabulary.InvariantKinds], ["name"]);
            if (invariant.TryGetPropertyValue("name", out var n) && String(n, iptr + "/name", "a kebab-case name") is { } name)
            {
                if (!Names.IsKebab(name))
                    bag.Add(iptr + "/name", $"invariant name '{name}' is not kebab-case; expected lower-case words joined by '-'");
                else if (names.TryGetValue(name, out var first))
                    bag.Add(iptr + "/name", $"duplicate invariant name '{name}'; it is already used by {first}");
                else
                    names[name] = $"/invariants/{i}";
            }
            var kinds = invariant.Select(kv => kv.Key).Where(Vocabulary.InvariantKinds.Contains).ToList();
            if (kinds.Count != 1)
            {
                bag.Add(iptr, kinds.Count == 0
                    ? $"an invariant needs one kind: {Names.List(Vocabulary.InvariantKinds)}"
                    : $"an invariant has several kinds ({Names.List(kinds)}); expected exactly one");
                continue;
            }
            InvariantKind(kinds[0], invariant[kinds[0]], Pointer.Append(iptr, kinds[0]));
        }
    }

    private void InvariantKind(string kind, JsonNode? node, string ptr)
    {
        var definition = Vocabulary.Invariants[kind];
        if (definition.Body is null)
        {
            // program_order, the one kind that is a list of selectors.
            if (List(node, ptr, "a list of selectors") is not { } selectors)
                return;
            if (selectors.Count < definition.MinItems)
                bag.Add(ptr, $"program_order needs at least two selectors, found {selectors.Count}");
            for (var i = 0; i < selectors.Count; i++)
                Selector(selectors[i], Pointer.Append(ptr, i));
            return;
        }

        var shape = definition.Body;
        if (Map(node, ptr, $"a map ({Names.List(shape.Allowed)})") is not { } body)
            return;
        CheckKeys(body, ptr, $"a '{kind}' invariant", shape.Allowed, shape.Required);
        foreach (var key in new[] { "first", "then", "enter", "exit", "from", "to" })
        {
            if (body.TryGetPropertyValue(key, out var selector))
                Selector(selector, Pointer.Append(ptr, key));
        }
        if (body.TryGetPropertyValue("quantifier", out var q) && String(q, ptr + "/quantifier", "'all' or 'any'") is { } quantifier && quantifier is not ("all" or "any"))
            bag.Add(ptr + "/quantifier", $"unknown quantifier '{quantifier}'; expected 'all' or 'any'");
        if (body.TryGetPropertyValue("n", out var n) && Integer(n, ptr + "/n", "a whole number of processes") is < 1)
            bag.Add(ptr + "/n", "n must be at least 1");
        if (body.TryGetPropertyValue("reached", out var reached))
            Boolean(reached, ptr + "/reached", "true or false");
        if (body.TryGetPropertyValue("per_process", out var perProcess))
            Boolean(perProcess, ptr + "/per_process", "true or false");
        if (body.TryGetPropertyValue("seconds", out var seconds) && Number(seconds, ptr + "/seconds", "a number of seconds") is < 0)
            bag.Add(ptr + "/seconds", "seconds must not be negative");
        if (kind == "count")
            Count(body, ptr);
        if (kind == "linearizable")
            Linearizable(body, ptr);
        else if (kind == "exactly_once")
            ExactlyOnce(body, ptr);
        else if (body.TryGetPropertyValue("of", out var of))
            Selector(of, ptr + "/of");
    }

    private void Count(JsonObject body, string ptr)
    {
        var bounds = new[] { "equals", "at_least", "at_most" }.Where(body.ContainsKey).ToList();
        if (bounds.Count == 0)
            bag.Add(ptr, "a 'count' invariant needs 'equals', 'at_least' or 'at_most'");
        else if (bounds.Contains("equals") && bounds.Count > 1)
            bag.Add(ptr, "'equals' cannot be combined with 'at_least' or 'at_most'");
        foreach (var bound in bounds)
        {
            if (AsNumber(body[bound]) is { } d && d != Math.Floor(d))
                bag.Add(Pointer.Append(ptr, bound), $"a count must be a whole number, found {d}");
            else
                MachineValue(body[bound], Pointer.Append(ptr, bound));
        }
    }

    private void ExactlyOnce(JsonObject body, string ptr)
    {
        var capture = body.TryGetPropertyValue("capture", out var c) ? Integer(c, ptr + "/capture", "a regex group number") : 1;
        if (capture < 0)
            bag.Add(ptr + "/capture", "capture must not be negative");
        if (body.TryGetPropertyValue("values", out var v) && v is JsonObject range)
        {
            // {range: [stop]} or {range: [start, stop]}: Python's range, ends may be machine values.
            if (range.Count != 1 || !range.ContainsKey("range"))
                bag.Add(ptr + "/values", "expected a list of values or {range: [start, stop]}");
            else if (List(range["range"], ptr + "/values/range", "[stop] or [start, stop]") is { } ends)
            {
                if (ends.Count is < 1 or > 2)
                    bag.Add(ptr + "/values/range", $"expected [stop] or [start, stop], found {ends.Count} items");
                for (var i = 0; i < ends.Count; i++)
                    MachineValue(ends[i], Pointer.Append(ptr + "/values/range", i));
            }
        }
        else if (v is not null && List(v, ptr + "/values", "a list of expected values or {range: [start, stop]}") is { } values)
        {
            if (values.Count == 0)
                bag.Add(ptr + "/values", "expected at least one value, found an empty list");
            for (var i = 0; i < values.Count; i++)
            {
                if (AsString(values[i]) is null && AsNumber(values[i]) is null)
                    bag.Add(Pointer.Append(ptr + "/values", i), $"expected a string or a number, found {Kind(values[i])}");
            }
        }
        if (!body.TryGetPropertyValue("of", out var of))
            return;
        var (ev, text) = Selector(of, ptr + "/of");
        if (ev is not (null or "print" or "task_begin" or "task_end"))
            bag.Add(ptr + "/of/ev", "exactly_once captures from print events or pool task lines; its selector's ev must be 'print', 'task_begin' or 'task_end'");
        if (text is null && of is JsonObject selector && !selector.ContainsKey("text"))
            bag.Add(ptr + "/of", "exactly_once needs a 'text' regex in its selector to capture from");
        else if (text is not null && capture is { } group && group > text.GetGroupNumbers().Max())
            bag.Add(ptr + "/capture", $"capture group {group} does not exist in '{text}'; it has {text.GetGroupNumbers().Max()} group(s)");
    }
}
