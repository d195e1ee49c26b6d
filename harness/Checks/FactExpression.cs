using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks;

/// <summary>Evaluates the integer value expressions invariants and scrubs may use: literals, <c>$cpu_count</c>, add/sub/mul/floordiv.</summary>
public static class FactExpression
{
    /// <summary>The value of <paramref name="expression"/> given the run's machine facts.</summary>
    public static long Evaluate(JsonNode? expression, TraceFacts facts) => expression switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var name) => Fact(name, facts),
        JsonObject { Count: 1 } o when o.First().Value is JsonArray { Count: >= 2 } args =>
            args.Skip(1).Aggregate(Evaluate(args[0], facts), (acc, x) => Apply(o.First().Key, acc, Evaluate(x, facts))),
        _ => throw new ArgumentException(
            $"not an integer value expression: {expression?.ToJsonString() ?? "null"}; expected an integer, $cpu_count, " +
            "or {add|sub|mul|floordiv: [a, b]}"),
    };

    private static long Fact(string name, TraceFacts facts) => name switch
    {
        "$cpu_count" => facts.CpuCount,
        _ => throw new ArgumentException($"unknown machine fact '{name}'; the only one is $cpu_count"),
    };

    private static long Apply(string op, long a, long b) => op switch
    {
        "add" => a + b,
        "sub" => a - b,
        "mul" => a * b,
        // Python's // floors towards negative infinity; C#'s / truncates towards zero.
        "floordiv" => b == 0
            ? throw new DivideByZeroException("floordiv by zero in a value expression")
            : (long)Math.Floor((double)a / b),
        _ => throw new ArgumentException($"unknown operator '{op}' in a value expression; expected add, sub, mul or floordiv"),
    };
}
