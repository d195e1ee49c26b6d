using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>
/// Turns a document's <c>invariants</c> and <c>output</c> into typed objects (<see cref="Invariant"/>,
/// <see cref="OutputRules"/>) with their regexes compiled, once, after the validator accepted them; nothing downstream
/// reads them as JSON again. The input is a validated document: what does not have the expected form is a bug of the
/// validator, reported as an <see cref="ArgumentException"/>.
/// </summary>
internal static class RuleReader
{
    /// <summary>The document's invariants, in order; none when it declares none.</summary>
    public static IReadOnlyList<Invariant> Invariants(JsonNode? invariants) =>
        invariants is JsonArray list ? [.. list.Select(i => Invariant(Map(i, "an invariant")))] : [];

    /// <summary>The document's output rules; <see cref="OutputRules.None"/> when it has none.</summary>
    public static OutputRules Output(JsonNode? output)
    {
        if (output is not JsonObject rules)
            return OutputRules.None;
        return new OutputRules(
            [.. List(rules["scrub"]).Select(s => Scrub(Map(s, "a scrub entry")))],
            // A sort group is a list of regexes, or one regex.
            [.. List(rules["sort"]).Select(g => g is JsonArray group ? Regexes(group) : (IReadOnlyList<Regex>)[Patterns.Regex(Str(g, "a regex"))])],
            Regexes(rules["collapse"]))
        {
            Stderr = Regexes(rules["stderr"]),
        };
    }

    private static Invariant Invariant(JsonObject invariant)
    {
        var name = Str(invariant["name"], "an invariant name");
        var (kind, body) = invariant.Where(p => p.Key != "name").Select(p => (p.Key, p.Value)).FirstOrDefault();
        return kind switch
        {
            "before" => new BeforeInvariant(name, Selector(Field(body, "first")), Selector(Field(body, "then")),
                (OptionalStr(Map(body, "before")["quantifier"]) ?? "all") == "all"),
            "program_order" => new ProgramOrderInvariant(name, [.. List(body).Select(Selector)]),
            "mutual_exclusion" => new ConcurrencyInvariant(name, Selector(Field(body, "enter")), Selector(Field(body, "exit")), 1, false, Exclusive: true),
            "max_concurrent" => new ConcurrencyInvariant(name, Selector(Field(body, "enter")), Selector(Field(body, "exit")),
                Field(body, "n")!.GetValue<int>(), Map(body, kind)["reached"]?.GetValue<bool>() ?? false, Exclusive: false),
            "count" => new CountInvariant(name, Selector(Field(body, "of")), Bounds(Map(body, kind)), Map(body, kind)["per_process"]?.GetValue<bool>() ?? false),
            "exactly_once" => new ExactlyOnceInvariant(name, Selector(Field(body, "of")), Group(Map(body, kind)["capture"]), Values(Field(body, "values"))),
            "min_elapsed" or "max_elapsed" => new ElapsedInvariant(name, Selector(Field(body, "from")), Selector(Field(body, "to")),
                Field(body, "seconds")!.GetValue<double>(), AtMost: kind == "max_elapsed"),
            "linearizable" => new LinearizableInvariant(name, Str(Field(body, "obj"), "an object label"), Str(Field(body, "model"), "a model name"),
                OptionalStr(Field(body, "initial")) is { } initial ? PyLiteral.Parse(initial) : null,
                Field(body, "ops") is JsonArray ops ? [.. ops.Select(o => Str(o, "an operation name"))] : null),
            _ => throw new ArgumentException($"invariant '{name}' has no known kind ({kind ?? "none"})"),
        };
    }

    /// <summary>A selector: <c>{process, ev, obj, op, text, result, error}</c>.</summary>
    public static EventSelector Selector(JsonNode? node)
    {
        var source = Map(node, "a selector");
        return new EventSelector(
            OptionalStr(source["process"]) is { } process ? Patterns.Glob(process == "main" ? "MainProcess" : process) : null,
            OptionalStr(source["ev"]),
            OptionalStr(source["obj"]),
            source["op"] switch
            {
                null => null,
                JsonArray list => [.. list.Select(x => Str(x, "a method name"))],
                var one => [Str(one, "a method name")],
            },
            OptionalStr(source["text"]) is { } text ? Patterns.Regex(text) : null,
            OptionalStr(source["result"]),
            OptionalStr(source["error"]),
            "{" + string.Join(", ", source.Select(p => $"{p.Key}: {Render(p.Value)}")) + "}");
    }

    /// <summary>An integer value expression: a literal, <c>$cpu_count</c>, or <c>{add|sub|mul|floordiv: [a, b, ...]}</c>.</summary>
    public static ValueExpression Value(JsonNode? expression) => expression switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => new ValueExpression.Literal(n),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d) => new ValueExpression.Literal((long)d),
        JsonValue v when v.TryGetValue<string>(out var name) => new ValueExpression.Fact(name),
        JsonObject { Count: 1 } o when o.First().Value is JsonArray { Count: >= 2 } args =>
            new ValueExpression.Operation(o.First().Key, [.. args.Select(Value)]),
        _ => throw new ArgumentException(
            $"not an integer value expression: {expression?.ToJsonString() ?? "null"}; expected an integer, $cpu_count, " +
            "or {add|sub|mul|floordiv: [a, b]}"),
    };

    private static IReadOnlyList<CountBound> Bounds(JsonObject body) =>
    [
        .. new[] { ("equals", CountRelation.Equals), ("at_least", CountRelation.AtLeast), ("at_most", CountRelation.AtMost) }
            .Where(b => body[b.Item1] is not null)
            .Select(b => new CountBound(b.Item2, Value(body[b.Item1]))),
    ];

    private static string Group(JsonNode? capture) => capture switch
    {
        null => "1",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var n => n.GetValue<int>().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A list of literals, or <c>{range: [stop]}</c> / <c>{range: [start, stop]}</c> (ends may be value expressions).</summary>
    private static ExpectedValues Values(JsonNode? values) => values switch
    {
        JsonArray list => new ExpectedValues.Listed([.. list.Select(Literal)]),
        JsonObject o when o["range"] is JsonArray { Count: 1 } r => new ExpectedValues.Range(null, Value(r[0])),
        JsonObject o when o["range"] is JsonArray { Count: 2 } r => new ExpectedValues.Range(Value(r[0]), Value(r[1])),
        _ => throw new ArgumentException(
            $"exactly_once values must be a list of literals or {{range: [start, stop]}}, got {values?.ToJsonString() ?? "null"}"),
    };

    private static Scrub Scrub(JsonObject entry) =>
        entry["regex"] is { } regex
            ? new Scrub.Pattern(Patterns.Regex(Str(regex, "a regex")), Str(entry["replace"], "a replacement"))
            : new Scrub.Number(Value(entry["value"]), Str(entry["token"], "a token"),
                OptionalStr(entry["in"]) is { } within ? Patterns.Regex(within) : null);

    private static IReadOnlyList<Regex> Regexes(JsonNode? list) => [.. List(list).Select(r => Patterns.Regex(Str(r, "a regex")))];

    private static string Literal(JsonNode? x) =>
        x is JsonValue v && v.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "null";

    private static string Render(JsonNode? value) => value switch
    {
        JsonArray list => "[" + string.Join(", ", list.Select(Render)) + "]",
        JsonValue v when v.TryGetValue<string>(out var s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => value?.ToJsonString() ?? "null",
    };

    private static JsonNode? Field(JsonNode? body, string key) => Map(body, "an invariant body")[key];

    private static JsonObject Map(JsonNode? node, string what) =>
        node as JsonObject ?? throw new ArgumentException($"{what} must be a map, got {node?.ToJsonString() ?? "null"}");

    private static IEnumerable<JsonNode?> List(JsonNode? node) => node as JsonArray ?? (IEnumerable<JsonNode?>)[];

    private static string Str(JsonNode? node, string what) =>
        OptionalStr(node) ?? throw new ArgumentException($"expected {what} (a string), got {node?.ToJsonString() ?? "null"}");

    private static string? OptionalStr(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
