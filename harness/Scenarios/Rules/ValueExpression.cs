namespace Conformance.Harness.Scenarios;

/// <summary>
/// An integer that may depend on the machine, parsed once at validation: a literal, a machine fact (<c>$cpu_count</c>),
/// or <c>{add|sub|mul|floordiv: [a, b, ...]}</c>. Evaluated against a run's facts by <c>Checks.FactExpression</c>.
/// </summary>
public abstract record ValueExpression
{
    /// <summary>A whole number.</summary>
    public sealed record Literal(long Value) : ValueExpression;

    /// <summary>A machine fact such as <c>$cpu_count</c>.</summary>
    public sealed record Fact(string Name) : ValueExpression;

    /// <summary><c>{op: [a, b, ...]}</c>, folded left.</summary>
    public sealed record Operation(string Operator, IReadOnlyList<ValueExpression> Operands) : ValueExpression;
}
