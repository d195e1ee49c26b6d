using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Language.Internal;

/// <summary>Builds the typed <see cref="LanguageDefinition"/> from language.json, refusing a malformed file loudly (it is ours, not a contributor's).</summary>
internal static class DefinitionReader
{
    public static LanguageDefinition Read(JsonObject root)
    {
        var exceptions = Obj(root, "exceptions");
        var trace = Obj(root, "trace");
        var output = Obj(root, "output");
        var machine = Obj(root, "machine_values");
        var identifiers = Obj(root, "identifiers");
        var policy = Obj(root, "policy");
        return new LanguageDefinition
        {
            Doc = string.Join(' ', Strings(root, "about")),
            TopLevel = Shape("top_level", Obj(root, "top_level")),
            TimeoutClasses = Entries(root, "timeout_classes").Select(e => new TimeoutClass(e.Name, Num(e.Value, "seconds"), Str(e.Value, "doc"))).ToList(),
            Function = Shape("function", Obj(root, "function")),
            Class = Shape("class", Obj(root, "class")),
            ClassBases = Strings(Obj(root, "class"), "bases"),
            Steps = Entries(root, "steps").ToDictionary(e => e.Name, e => Shape(e.Name, e.Value), StringComparer.Ordinal),
            WordSteps = Terms(root, "word_steps"),
            Handler = Shape("handler", Obj(root, "handler")),
            Operators = Entries(root, "operators").ToDictionary(e => e.Name, e => Operator(e.Name, e.Value), StringComparer.Ordinal),
            Builtins = Entries(root, "builtins").ToDictionary(e => e.Name, e => Builtin(e.Name, e.Value), StringComparer.Ordinal),
            TypeNames = Strings(Obj(root, "types"), "names"),
            StrMethods = Strings(Obj(root, "str_methods"), "methods"),
            Primitives = Entries(root, "primitives").ToDictionary(e => e.Name, e => Primitive(e.Name, e.Value), StringComparer.Ordinal),
            Proxies = Entries(root, "proxies").Select(e => new MethodSet(e.Name, Str(e.Value, "doc"), Strings(e.Value, "methods"))).ToList(),
            Results = Entries(root, "results").Select(e => new MethodSet(e.Name, Str(e.Value, "doc"), Strings(e.Value, "methods"))).ToList(),
            Exceptions = Entries(exceptions, "types").ToDictionary(e => e.Name, e => new ExceptionType(e.Name, Str(e.Value, "python"), Strings(e.Value, "bases"),
                e.Value.ContainsKey("attributes") ? Strings(e.Value, "attributes") : []), StringComparer.Ordinal),
            ExceptionAttributes = Strings(exceptions, "attributes"),
            TraceEvents = Terms(trace, "events"),
            TraceOps = Strings(trace, "ops"),
            Selector = Shape("selector", Obj(root, "selector")),
            Invariants = Entries(root, "invariants").ToDictionary(e => e.Name, e => Invariant(e.Name, e.Value), StringComparer.Ordinal),
            LinearizableModels = Entries(root, "linearizable_models").ToDictionary(
                e => e.Name, e => new LinearizableModel(e.Name, Str(e.Value, "doc"), Str(e.Value, "initial"), Terms(e.Value, "ops")), StringComparer.Ordinal),
            Output = Shape("output", output),
            Scrubs = Entries(output, "scrubs").ToDictionary(e => e.Name, e => Shape(e.Name, e.Value), StringComparer.Ordinal),
            MachineValueDoc = Str(machine, "doc"),
            MachineVariables = Strings(machine, "variables"),
            MachineOperators = Strings(machine, "operators"),
            IdentifierPattern = Str(identifiers, "pattern"),
            PythonKeywords = Strings(identifiers, "keywords"),
            ReservedNames = Strings(identifiers, "reserved"),
            Policy = new AttributePolicy(
                Str(policy, "doc"),
                Set(Strings(policy, "readable_dunders")),
                Set(Strings(policy, "special_methods")),
                Set(Strings(policy, "forbidden_names"))),
        };
    }

    private static Shape Shape(string name, JsonObject o)
    {
        var keys = Entries(o, "keys").Select(e => e.Node switch
        {
            JsonObject k => new ShapeKey(e.Name, Str(k, "kind"), Str(k, "doc")),
            _ => new ShapeKey(e.Name, e.Node?.GetValueKind() == JsonValueKind.String ? e.Node.GetValue<string>() : throw Bad($"key '{e.Name}' of '{name}' needs a kind"), null),
        }).ToList();
        var required = Strings(o, "required");
        if (required.FirstOrDefault(r => keys.All(k => k.Name != r)) is { } missing)
            throw Bad($"'{name}' requires '{missing}', which is not one of its keys");
        return new Shape(name, Str(o, "doc"), keys, required);
    }

    private static Operator Operator(string name, JsonObject o)
    {
        var shape = Shape(name, o);
        return o["arity"]?.GetValue<string>() switch
        {
            null => new Operator(shape, null, null),
            "2" => new Operator(shape, 2, 2),
            "2+" => new Operator(shape, 2, null),
            var other => throw Bad($"operator '{name}' has arity '{other}'; expected \"2\" or \"2+\""),
        };
    }

    private static Primitive Primitive(string name, JsonObject o) => new(
        name,
        Str(o, "python"),
        Str(o, "doc"),
        Entries(o, "keywords").Select(e => new Keyword(e.Name, e.Node!.GetValue<string>())).ToList(),
        Strings(o, "methods"),
        o.ContainsKey("attributes") ? Strings(o, "attributes") : []);

    private static BuiltinFunction Builtin(string name, JsonObject o)
    {
        var args = Str(o, "args");
        var (min, max) = args switch
        {
            _ when args.EndsWith('+') => (int.Parse(args[..^1], System.Globalization.CultureInfo.InvariantCulture), (int?)null),
            _ when args.Contains('-') => (int.Parse(args[..args.IndexOf('-')], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(args[(args.IndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)),
            _ => (int.Parse(args, System.Globalization.CultureInfo.InvariantCulture), int.Parse(args, System.Globalization.CultureInfo.InvariantCulture)),
        };
        var anyKeywords = o["keywords"] is JsonValue k && k.TryGetValue<string>(out var word) && word == "any";
        return new BuiltinFunction(name, Str(o, "python"), Str(o, "doc"))
        {
            MinArgs = min,
            MaxArgs = max,
            Keywords = !o.ContainsKey("keywords") || anyKeywords ? [] : Strings(o, "keywords"),
            AnyKeywords = anyKeywords,
            IsValue = o["value"] is JsonValue v && v.TryGetValue<bool>(out var b) && b,
        };
    }

    private static InvariantKind Invariant(string name, JsonObject o) => o.ContainsKey("items")
        ? new InvariantKind(name, Str(o, "doc"), null, Str(o, "items"), (int)Num(o, "min_items"))
        : new InvariantKind(name, Str(o, "doc"), Shape(name, o), null, 0);

    private static IReadOnlyList<Term> Terms(JsonObject o, string key) =>
        Entries(o, key).Select(e => new Term(e.Name, e.Node!.GetValue<string>())).ToList();

    private static IReadOnlySet<string> Set(IEnumerable<string> names) => new HashSet<string>(names, StringComparer.Ordinal);

    /// <summary>The entries of a map in file order: the order messages and the schema list them.</summary>
    private static IEnumerable<(string Name, JsonNode? Node, JsonObject Value)> Entries(JsonObject o, string key) =>
        Obj(o, key).Select(kv => (kv.Key, kv.Value, kv.Value as JsonObject ?? new JsonObject()));

    private static JsonObject Obj(JsonObject o, string key) =>
        o[key] as JsonObject ?? throw Bad($"'{key}' must be a map");

    private static string Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad($"'{key}' must be a string");

    private static double Num(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : throw Bad($"'{key}' must be a number");

    private static IReadOnlyList<string> Strings(JsonObject o, string key) =>
        (o[key] as JsonArray ?? throw Bad($"'{key}' must be a list")).Select(n => n!.GetValue<string>()).ToList();

    private static InvalidDataException Bad(string what) => new($"{LanguageDefinition.FileName}: {what}");
}
