using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Language;

/// <summary>
/// Writes scenarios/scenario.schema.json (JSON Schema 2020-12, for editors) from the language definition:
/// <c>dotnet run --project harness -c Release -- schema &gt; scenarios/scenario.schema.json</c>; a test fails when the committed one is stale.
/// </summary>
/// <remarks>
/// The schema is the editor's view: names, shapes and descriptions. What it cannot say (scopes, labels, arities of
/// user functions, regexes that compile as .NET regexes) stays the validator's; it never refuses a document the
/// validator accepts, which the tests check on every scenario of the suite.
/// </remarks>
public static class SchemaGenerator
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        // Keeps '<', '>', '&' and quotes readable in descriptions; the file is UTF-8 JSON, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema's text, indented, with a final newline.</summary>
    public static string Generate(LanguageDefinition language) => Build(language).ToJsonString(Indented) + "\n";

    /// <summary>The schema as a JSON object.</summary>
    public static JsonObject Build(LanguageDefinition language)
    {
        var g = new Generator(language);
        var root = g.Object(language.TopLevel, "Conformance scenario");
        root.Remove("title");
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://conformance.local/scenario.schema.json",
            ["title"] = "Conformance scenario",
            ["$comment"] = "Generated from harness/Language/language.json by `dotnet run --project harness -c Release -- schema`; do not edit.",
        };
        foreach (var (key, value) in root)
            schema[key] = value?.DeepClone();
        // chaos: false needs a chaos_reason, and a chaos_reason needs chaos: false (docs/scenario-authors.md, "Chaos mode").
        schema["dependentSchemas"] = new JsonObject
        {
            ["chaos_reason"] = new JsonObject { ["required"] = Array("chaos"), ["properties"] = new JsonObject { ["chaos"] = new JsonObject { ["const"] = false } } },
        };
        schema["if"] = new JsonObject { ["required"] = Array("chaos"), ["properties"] = new JsonObject { ["chaos"] = new JsonObject { ["const"] = false } } };
        schema["then"] = new JsonObject { ["required"] = Array("chaos_reason") };
        schema["$defs"] = g.Definitions();
        return schema;
    }

    private static JsonArray Array(params IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    /// <summary>One generation: the definitions and how each kind of key becomes a schema.</summary>
    private sealed class Generator(LanguageDefinition language)
    {
        private string Identifier => language.IdentifierPattern;

        private string Path => "^" + Body(Identifier) + @"(\." + Body(Identifier) + ")*$";

        /// <summary>A name that may not start with '_', unless it is one of <paramref name="dunders"/>.</summary>
        private static string Public(IEnumerable<string> dunders) =>
            "^(" + string.Concat(dunders.Select(d => d + "|")) + "[A-Za-z][A-Za-z0-9_]*)$";

        private static string Body(string pattern) => pattern.TrimStart('^').TrimEnd('$');

        public JsonObject Definitions() => new()
        {
            ["identifier"] = Described("A Python identifier that is not a keyword.", new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = Identifier,
                ["not"] = new JsonObject { ["enum"] = Array(language.PythonKeywords) },
            }),
            ["class"] = Object(language.Class),
            ["function"] = Object(language.Function),
            ["steps"] = Described("A list of steps.", new JsonObject { ["type"] = "array", ["items"] = Ref("step") }),
            ["step"] = Described("A map whose first key says what it is, or one of the words " + string.Join(", ", language.WordSteps.Select(w => w.Name)) + ".", new JsonObject
            {
                ["oneOf"] = new JsonArray([
                    .. language.Steps.Values.Select(s => (JsonNode)Object(s)),
                    new JsonObject
                    {
                        ["title"] = "word",
                        ["description"] = string.Join("; ", language.WordSteps.Select(w => $"{w.Name}: {w.Doc}")),
                        ["enum"] = Array(language.WordSteps.Select(w => w.Name)),
                    },
                ]),
            }),
            ["handler"] = Object(language.Handler),
            ["targetList"] = Described("A target list: names and nested target lists, unpacked from an iterable of as many items.", new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 1,
                // Nested lists are checked by validate, not here: a self-referencing $def trips JsonSchema.Net's cycle check.
                ["items"] = new JsonObject { ["anyOf"] = new JsonArray(Ref("identifier"), new JsonObject { ["type"] = "array", ["minItems"] = 1 }) },
            }),
            ["exceptionType"] = Described(
                "An exception type: " + string.Join(", ", language.Exceptions.Values.Select(e => e.Name == e.Python ? e.Name : $"{e.Name} ({e.Python})")) + "; or a user exception class (base: an exception type).",
                new JsonObject
                {
                    ["type"] = "string",
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["enum"] = Array(language.Exceptions.Keys) },
                        new JsonObject { ["pattern"] = Identifier }),
                }),
            ["typeName"] = Described("A primitive type or a user class.", new JsonObject
            {
                ["type"] = "string",
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["enum"] = Array(language.Primitives.Keys) },
                    new JsonObject { ["pattern"] = Identifier }),
            }),
            ["callTarget"] = Described(
                "f, a built-in (" + string.Join(", ", language.Builtins.Keys) + "), obj.method, or {attr: method, of: <expr>}.",
                new JsonObject
                {
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["enum"] = Array(language.Builtins.Keys) },
                        new JsonObject { ["type"] = "string", ["pattern"] = Path },
                        Object(language.Operators["attr"].Shape)),
                }),
            ["args"] = Described("Positional arguments.", new JsonObject { ["type"] = "array", ["items"] = Ref("value") }),
            ["kwargs"] = Described("Keyword arguments.", new JsonObject
            {
                ["type"] = "object",
                ["propertyNames"] = new JsonObject { ["pattern"] = Identifier },
                ["additionalProperties"] = Ref("value"),
            }),
            ["value"] = Described(
                "A value: a literal, $name / $name.attr ($$ for a literal $), a list, or a map with one operator.",
                new JsonObject
                {
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["type"] = Array("null", "boolean", "number", "string") },
                        new JsonObject { ["type"] = "array", ["items"] = Ref("value") },
                        new JsonObject { ["oneOf"] = new JsonArray([.. language.Operators.Values.Select(o => (JsonNode)Object(o.Shape, o))]) }),
                }),
            ["output"] = Object(language.Output),
            ["scrub"] = Described("{regex, replace} or {value, token, in}.", new JsonObject
            {
                ["oneOf"] = new JsonArray([.. language.Scrubs.Values.Select(s => (JsonNode)Object(s))]),
            }),
            ["machineValue"] = Described(language.MachineValueDoc, new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "number" },
                    new JsonObject { ["enum"] = Array(language.MachineVariables.Select(v => "$" + v)) },
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["minProperties"] = 1,
                        ["maxProperties"] = 1,
                        ["additionalProperties"] = false,
                        ["properties"] = new JsonObject(language.MachineOperators.Select(op => KeyValuePair.Create(op, (JsonNode?)new JsonObject
                        {
                            ["type"] = "array",
                            ["items"] = Ref("machineValue"),
                            ["minItems"] = 2,
                            ["maxItems"] = 2,
                        }))),
                    }),
            }),
            ["selector"] = Object(language.Selector),
            ["op"] = Described("A traced method name, or an operation the trace records (" + string.Join(", ", language.TraceOps) + ").", new JsonObject
            {
                ["enum"] = Array(language.Primitives.Values.SelectMany(p => p.Methods)
                    .Concat(language.Proxies.Concat(language.Results).SelectMany(m => m.Methods))
                    .Concat(language.TraceOps).Distinct()),
            }),
            ["invariantName"] = Described("A unique kebab-case name.", new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*$" }),
            ["invariant"] = Described("A name and one kind.", new JsonObject
            {
                ["oneOf"] = new JsonArray([.. language.Invariants.Values.Select(k => (JsonNode)Invariant(k))]),
            }),
        };

        private JsonObject Invariant(InvariantKind kind) => new()
        {
            ["title"] = kind.Name,
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["name"] = Ref("invariantName"),
                [kind.Name] = kind.Body is { } body
                    ? Object(body)
                    : Described(kind.Doc, new JsonObject { ["type"] = "array", ["items"] = Kind(kind.Items!, null), ["minItems"] = kind.MinItems }),
            },
            ["additionalProperties"] = false,
            ["required"] = Array("name", kind.Name),
        };

        /// <summary>A map of the language: its keys, the required ones, nothing else.</summary>
        public JsonObject Object(Shape shape, Operator? op = null) => new()
        {
            ["title"] = shape.Name,
            ["description"] = shape.Doc,
            ["type"] = "object",
            ["properties"] = new JsonObject(shape.Keys.Select(k => KeyValuePair.Create(k.Name, (JsonNode?)Described(k.Doc, Kind(k.Kind, op))))),
            ["additionalProperties"] = false,
            ["required"] = Array(shape.Required),
        };

        public JsonObject Object(Shape shape, string title)
        {
            var o = Object(shape);
            o["title"] = title;
            return o;
        }

        /// <summary>The schema of a kind of value the definition names.</summary>
        private JsonObject Kind(string kind, Operator? op) => kind switch
        {
            "sentence" => new() { ["type"] = "string", ["minLength"] = 1, ["pattern"] = @"\S" },
            "features" => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["minItems"] = 1 },
            "checklist_ids" => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Z]+[0-9]*(-[A-Za-z0-9]+)?$" }, ["uniqueItems"] = true },
            "tutorial" => new() { ["type"] = "string", ["pattern"] = "^[1-9][a-z]?$" },
            "timeout" => new()
            {
                ["oneOf"] = new JsonArray(
                    Described(string.Join("; ", language.TimeoutClasses.Select(c => $"{c.Name}: {c.Seconds} s, {c.Doc}")), new JsonObject { ["enum"] = Array(language.TimeoutClasses.Select(c => c.Name)) }),
                    new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0, ["description"] = "Seconds before the run is killed." }),
                ["default"] = language.TimeoutClasses[0].Name,
            },
            "chaos" => new() { ["type"] = "boolean", ["default"] = true },
            "classes" => Map(Identifier, Ref("class")),
            "functions" => Map(Identifier, Ref("function")),
            "methods" => Map(Public(language.Policy.SpecialMethods), Ref("function")),
            "invariants" => new() { ["type"] = "array", ["items"] = Ref("invariant") },
            "names" => new() { ["type"] = "array", ["items"] = Ref("identifier"), ["uniqueItems"] = true },
            "fields" => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = Public([]) }, ["uniqueItems"] = true },
            "base" => new() { ["enum"] = Array(language.ClassBases.Concat(language.Exceptions.Keys)) },
            "raised" => Described("An exception type or user exception class (raise T(...)), or a $variable holding an exception value (raise e).", new JsonObject
            {
                ["type"] = "string",
                ["anyOf"] = new JsonArray(Ref("exceptionType"), new JsonObject { ["pattern"] = @"^\$[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$" }),
            }),
            "target" => new() { ["type"] = "string", ["pattern"] = Path },
            "assign_target" => new() { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["pattern"] = Path }, Ref("targetList")) },
            "loop_target" => new() { ["anyOf"] = new JsonArray(Ref("identifier"), Ref("targetList")) },
            // Names to constants; the values are checked by validate (a $ref to value here trips JsonSchema.Net's cycle check).
            "defaults" or "globals" => new() { ["type"] = "object", ["propertyNames"] = new JsonObject { ["pattern"] = Identifier } },
            "attribute" => new()
            {
                ["type"] = "string",
                ["pattern"] = Public(language.Policy.ReadableDunders),
                ["not"] = new JsonObject { ["enum"] = Array(language.Policy.ForbiddenNames) },
            },
            "operands" => Operands(op ?? throw new InvalidDataException("operands outside an operator")),
            "values" => new() { ["type"] = "array", ["items"] = Ref("value") },
            "pairs" => new()
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "array", ["items"] = Ref("value"), ["minItems"] = 2, ["maxItems"] = 2 },
            },
            "format" => new() { ["type"] = "string" },
            "handlers" => new() { ["type"] = "array", ["items"] = Ref("handler") },
            "selectors" => new() { ["type"] = "array", ["items"] = Ref("selector") },
            "ops" => new() { ["oneOf"] = new JsonArray(Ref("op"), new JsonObject { ["type"] = "array", ["items"] = Ref("op"), ["minItems"] = 1 }) },
            "event" => new() { ["enum"] = Array(language.TraceEvents.Select(e => e.Name)) },
            "text" => new() { ["type"] = "string" },
            "regex" => new() { ["type"] = "string", ["format"] = "regex" },
            "regexes" => new() { ["type"] = "array", ["items"] = Kind("regex", null) },
            "sort_groups" => new()
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["oneOf"] = new JsonArray(Kind("regex", null), new JsonObject { ["type"] = "array", ["items"] = Kind("regex", null), ["minItems"] = 1 }),
                },
            },
            "scrubs" => new() { ["type"] = "array", ["items"] = Ref("scrub") },
            "quantifier" => new() { ["enum"] = Array("all", "any"), ["default"] = "all" },
            "positive_integer" => new() { ["type"] = "integer", ["minimum"] = 1 },
            "boolean" => new() { ["type"] = "boolean" },
            "count" or "machine_value" => Ref("machineValue"),
            "group" => new() { ["type"] = "integer", ["minimum"] = 0, ["default"] = 1 },
            "seconds" => new() { ["type"] = "number", ["minimum"] = 0 },
            "label" => new() { ["type"] = "string", ["pattern"] = Identifier },
            "model" => new() { ["enum"] = Array(language.LinearizableModels.Keys) },
            "repr" => new() { ["type"] = "string" },
            "model_ops" => new()
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["enum"] = Array(language.LinearizableModels.Values.SelectMany(m => m.Ops.Select(o => o.Name)).Distinct()) },
                ["minItems"] = 1,
            },
            "expected_values" => new()
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = Array("string", "number") }, ["minItems"] = 1 },
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["range"] = new JsonObject { ["type"] = "array", ["items"] = Ref("machineValue"), ["minItems"] = 1, ["maxItems"] = 2 },
                        },
                        ["additionalProperties"] = false,
                        ["required"] = Array("range"),
                    }),
            },
            "steps" or "value" or "selector" or "output" or "args" or "kwargs" => Ref(kind),
            "name" => Ref("identifier"),
            // A comprehension's loop variable: one name or a target list, as the for step's.
            "comp_target" => new() { ["anyOf"] = new JsonArray(Ref("identifier"), Ref("targetList")) },
            "pair" => new() { ["type"] = "array", ["items"] = Ref("value"), ["minItems"] = 2, ["maxItems"] = 2 },
            "del_target" => new()
            {
                ["anyOf"] = new JsonArray(
                    Ref("identifier"),
                    Object(language.Operators["index"].Shape),
                    Object(language.Operators["slice"].Shape),
                    Object(language.Operators["attr"].Shape)),
            },
            "callee" => Ref("callTarget"),
            "type" => Ref("typeName"),
            "exception" => Ref("exceptionType"),
            // {type: X}: an exception type (multiprocessing.TimeoutError is dotted), a built-in type or a user class.
            "type_name" => new() { ["anyOf"] = new JsonArray(Ref("exceptionType"), new JsonObject { ["type"] = "string", ["pattern"] = Identifier }) },
            "builtin_name" => new() { ["enum"] = Array(language.Builtins.Values.Where(b => b.IsValue).Select(b => b.Name)) },
            _ => throw new InvalidDataException($"{LanguageDefinition.FileName}: unknown kind '{kind}'; SchemaGenerator.Kind lists the kinds it knows"),
        };

        private static JsonObject Operands(Operator op)
        {
            var o = new JsonObject { ["type"] = "array", ["items"] = Ref("value") };
            if (op.MinOperands is { } min)
                o["minItems"] = min;
            if (op.MaxOperands is { } max)
                o["maxItems"] = max;
            return o;
        }

        private static JsonObject Map(string namePattern, JsonObject values) => new()
        {
            ["type"] = "object",
            ["propertyNames"] = new JsonObject { ["pattern"] = namePattern },
            ["additionalProperties"] = values,
        };

        private static JsonObject Ref(string definition) => new() { ["$ref"] = "#/$defs/" + definition };

        private static JsonObject Described(string? doc, JsonObject schema)
        {
            if (doc is null)
                return schema;
            var o = new JsonObject { ["description"] = doc };
            foreach (var (key, value) in schema)
                o[key] = value?.DeepClone();
            return o;
        }
    }
}
