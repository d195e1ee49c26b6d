using System.Text.Json.Nodes;
using Conformance.Harness.Language;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Language;

/// <summary>
/// The suite covers the definition: every step kind, word step, operator and built-in function language.json lists is
/// used by at least one scenario of <c>scenarios/language/</c>, found by walking each validated document as the
/// interpreters do (steps where steps go, expressions where expressions go), not by searching its text.
/// </summary>
public sealed class CoverageTests
{
    private static LanguageDefinition Language => LanguageDefinition.Current;

    private sealed class Used
    {
        public readonly HashSet<string> Steps = new(StringComparer.Ordinal);
        public readonly HashSet<string> Operators = new(StringComparer.Ordinal);
        public readonly HashSet<string> Builtins = new(StringComparer.Ordinal);
    }

    private static readonly Lazy<Used> InLanguageScenarios = new(() =>
    {
        var root = Path.Combine(RepositoryRoot.Find(), "scenarios");
        var used = new Used();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "language"), "*.yaml"))
            Document(ScenarioLoader.Load(root, file).Document, used);
        return used;
    });

    [Test]
    public void Every_step_kind_is_used_by_a_language_scenario()
    {
        var kinds = Language.Steps.Keys.Concat(Language.WordSteps.Select(w => w.Name)).Distinct();
        Assert.That(kinds.Where(k => !InLanguageScenarios.Value.Steps.Contains(k)), Is.Empty,
            "step kinds no scenarios/language/ file uses");
    }

    [Test]
    public void Every_operator_is_used_by_a_language_scenario() =>
        Assert.That(Language.Operators.Keys.Where(k => !InLanguageScenarios.Value.Operators.Contains(k)), Is.Empty,
            "operators no scenarios/language/ file uses");

    [Test]
    public void Every_builtin_is_used_by_a_language_scenario() =>
        Assert.That(Language.Builtins.Keys.Where(k => !InLanguageScenarios.Value.Builtins.Contains(k)), Is.Empty,
            "built-in functions no scenarios/language/ file calls (or passes as {builtin: f})");

    [Test]
    public void The_walk_finds_what_a_document_uses()
    {
        // The walker itself: a step inside a handler, an operator inside a lambda inside a comprehension, a built-in
        // called by a step and one passed as a value; 'in' as a comprehension's key is not the operator.
        var document = Yaml.Load("""
            description: d.
            features: [x]
            functions:
              f:
                steps:
                  - try: [pass]
                    except: [{type: ValueError, do: [{yield: 1}]}]
            main:
              - call: len
                args: [[1]]
              - print: {list_comp: {lambda: {neg: $x}}, for: x, in: [1]}
              - print: {call: sorted, args: [[1]], kwargs: {key: {builtin: abs}}}
            """).Document;
        var used = new Used();
        Document(document, used);
        Assert.Multiple(() =>
        {
            Assert.That(used.Steps, Is.EquivalentTo(new[] { "try", "pass", "yield", "call", "print" }));
            Assert.That(used.Operators, Is.EquivalentTo(new[] { "list_comp", "lambda", "neg", "call", "builtin" }));
            Assert.That(used.Builtins, Is.EquivalentTo(new[] { "len", "sorted", "abs" }));
        });
    }

    private static void Document(JsonObject document, Used used)
    {
        Steps(document["main"], used);
        if (document["functions"] is JsonObject functions)
        {
            foreach (var (_, f) in functions)
                Steps(f?["steps"], used);
        }
        if (document["classes"] is JsonObject classes)
        {
            foreach (var (_, c) in classes)
            {
                if (c?["methods"] is JsonObject methods)
                {
                    foreach (var (_, m) in methods)
                        Steps(m?["steps"], used);
                }
            }
        }
    }

    private static void Steps(JsonNode? node, Used used)
    {
        if (node is not JsonArray steps)
            return;
        foreach (var step in steps)
        {
            if (step is JsonValue word && word.TryGetValue<string>(out var name))
            {
                used.Steps.Add(name);
                continue;
            }
            if (step is not JsonObject map || map.Select(kv => kv.Key).FirstOrDefault(Language.Steps.ContainsKey) is not { } kind)
                continue;
            used.Steps.Add(kind);
            foreach (var (key, value) in map)
            {
                switch (key)
                {
                    case "do" or "then" or "else" or "finally":
                        Steps(value, used);
                        break;
                    case "try":
                        Steps(value, used);
                        break;
                    case "except" when value is JsonArray handlers:
                        foreach (var handler in handlers)
                            Steps(handler?["do"], used);
                        break;
                    case "call" when kind == "call":
                        Callee(value, used);
                        break;
                    case "set" or "for" or "as" or "raise" when value is JsonValue:
                        break; // a name (or an exception type), not an expression
                    default:
                        Expr(value, used);
                        break;
                }
            }
        }
    }

    private static void Callee(JsonNode? callee, Used used)
    {
        if (callee is JsonValue v && v.TryGetValue<string>(out var name))
        {
            if (Language.Builtins.ContainsKey(name))
                used.Builtins.Add(name);
        }
        else
        {
            Expr(callee, used); // {attr: m, of: <expr>}
        }
    }

    private static void Expr(JsonNode? node, Used used)
    {
        switch (node)
        {
            case JsonArray items:
                foreach (var item in items)
                    Expr(item, used);
                break;
            case JsonObject map:
                // The operator is the key whose shape allows every key of the map ('in' of a list_comp is a key there).
                var op = map.Select(kv => kv.Key).FirstOrDefault(k => Language.Operators.TryGetValue(k, out var o)
                    && map.All(kv => o.Shape.Allowed.Contains(kv.Key)));
                if (op is not null)
                    used.Operators.Add(op);
                foreach (var (key, value) in map)
                {
                    if (op == "call" && key == "call")
                        Callee(value, used);
                    else if (op == "builtin" && value is JsonValue b && b.TryGetValue<string>(out var builtin))
                        used.Builtins.Add(builtin);
                    else if (!(op is "attr" && key == "attr") && !(op is "new" or "type" && key == op) && !(op is "list_comp" or "dict_comp" && key == "for"))
                        Expr(value, used);
                }
                break;
        }
    }
}
