using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks;

/// <summary>Evaluates the integer value expressions invariants and scrubs may use: literals, <c>$cpu_count</c>, add/sub/mul/floordiv.</summary>
public static class FactExpression
{
    /// <summary>The value of <paramref name="expression"/> given the run's machine facts.</summary>
    public static long Evaluate(ValueExpression expression, TraceFacts facts) => expression switch
    {
        ValueExpression.Literal l => l.Value,
        ValueExpression.Fact f => Fact(f.Name, facts),
        ValueExpression.Operation o => o.Operands.Skip(1).Aggregate(Evaluate(o.Operands[0], facts), (acc, x) => Apply(o.Operator, acc, Evaluate(x, facts))),
        _ => throw new ArgumentException($"not an integer value expression: {expression}"),
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
