namespace Conformance.Harness.Language;

/// <summary>An expression operator: its map's shape and, for those taking a list of operands, how many (no maximum: <c>and</c>, <c>or</c>).</summary>
public sealed record Operator(Shape Shape, int? MinOperands, int? MaxOperands)
{
    /// <summary>The operator key (<c>add</c>, <c>call</c>, ...).</summary>
    public string Name => Shape.Name;

    /// <summary>True when the operator takes exactly two operands (arithmetic and comparisons).</summary>
    public bool IsBinary => MinOperands == 2 && MaxOperands == 2;
}
