using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>
/// Which attribute names a scenario may use: reads are limited to the language's own names, so that no document can
/// walk from a value to its class's internals (<c>__subclasses__</c>, <c>__globals__</c>, ...) on the CPython backend.
/// </summary>
internal sealed partial class ScenarioValidator
{
    private const string Rules = "see docs/scenario-authors.md, \"What a scenario can and cannot do\"";

    /// <summary>Attribute names the document itself gives objects: class fields and methods, and every <c>set: x.attr</c>.</summary>
    private readonly HashSet<string> _declaredAttributes = new(StringComparer.Ordinal);

    private void DeclareAttributes()
    {
        foreach (var c in _classes.Values)
        {
            _declaredAttributes.UnionWith(c.Fields.Where(f => f.Length > 0));
            _declaredAttributes.UnionWith(c.Methods.Keys);
        }
        DeclareSetTargets(doc["main"]);
        if (doc["functions"] is JsonObject functions)
        {
            foreach (var (_, f) in functions)
                DeclareSetTargets((f as JsonObject)?["steps"]);
        }
        if (doc["classes"] is JsonObject classes)
        {
            foreach (var (_, c) in classes)
            {
                if ((c as JsonObject)?["methods"] is JsonObject methods)
                {
                    foreach (var (_, m) in methods)
                        DeclareSetTargets((m as JsonObject)?["steps"]);
                }
            }
        }
    }

    /// <summary>The attribute of every <c>set: a.attr</c> in a body, at any depth.</summary>
    private void DeclareSetTargets(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray list:
                foreach (var item in list)
                    DeclareSetTargets(item);
                break;
            case JsonObject map:
                if (AsString(map["set"]) is { } target && target.LastIndexOf('.') is var dot and > 0)
                    _declaredAttributes.Add(target[(dot + 1)..]);
                foreach (var (key, value) in map)
                {
                    if (key is "do" or "then" or "else" or "try" or "finally" or "except")
                        DeclareSetTargets(value);
                }
                break;
        }
    }

    /// <summary>Reports an attribute read outside the language; true when the name may be read.</summary>
    private bool Readable(string attr, string ptr)
    {
        if (Refused(attr, ptr, "attribute", Vocabulary.ReadableDunders))
            return false;
        if (Vocabulary.ReadableDunders.Contains(attr) || Vocabulary.DocumentedAttributes.Contains(attr)
            || Vocabulary.KnownMethods.Contains(attr) || Vocabulary.StrMethods.Contains(attr) || _declaredAttributes.Contains(attr))
            return true;
        var candidates = Vocabulary.DocumentedAttributes.Concat(_declaredAttributes).Concat(Vocabulary.ReadableDunders);
        bag.Add(ptr, $"'{attr}' is not an attribute a scenario can read{Names.DidYouMean(attr, candidates)}; expected a field of a "
            + $"user class, an attribute some step sets ('set: x.{attr}'), a method, one of {Names.List(Vocabulary.DocumentedAttributes)}, "
            + $"or {Names.List(Vocabulary.ReadableDunders)} ({Rules})");
        return false;
    }

    /// <summary>Reports a name no scenario may give an object (a field, a method, a <c>set: x.attr</c> target).</summary>
    private void Declarable(string name, string ptr, string what, IReadOnlySet<string>? allowedDunders = null) =>
        Refused(name, ptr, what, allowedDunders ?? new HashSet<string>());

    /// <summary>The structural rule both interpreters enforce again at run time; true when it refused <paramref name="name"/>.</summary>
    private bool Refused(string name, string ptr, string what, IReadOnlySet<string> allowedDunders)
    {
        if (Vocabulary.ForbiddenNames.Contains(name))
        {
            bag.Add(ptr, $"{what} '{name}' is not part of the scenario language: in CPython it reaches frames, code or str.format's attribute lookup ({Rules})");
            return true;
        }
        if (name.StartsWith('_') && !allowedDunders.Contains(name))
        {
            var allowed = allowedDunders.Count == 0 ? "none are" : $"only {Names.List(allowedDunders)} are";
            bag.Add(ptr, $"{what} '{name}' is not part of the scenario language: names starting with '_' reach the interpreter's internals, and {allowed} allowed here ({Rules})");
            return true;
        }
        return false;
    }

    /// <summary>Every attribute read along a dotted path (all parts after the first).</summary>
    private void ReadablePath(IReadOnlyList<string> path, string ptr, int skipLast = 0)
    {
        for (var i = 1; i < path.Count - skipLast; i++)
        {
            if (!Readable(path[i], ptr))
                return;
        }
    }
}
