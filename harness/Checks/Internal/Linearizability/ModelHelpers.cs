using System.Numerics;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>What the sequential models share: outcomes and argument checks.</summary>
internal static class ModelHelpers
{
    public static Outcome Return(PyValue value) => new Outcome.Returned(value);

    public static Outcome Raise(string error) => new Outcome.Raised(error);

    /// <summary>Why <paramref name="op"/> has the wrong number of arguments, or null.</summary>
    public static string? ArityProblem(LinearOperation op, (int Min, int Max) arity)
    {
        if (op.ArgCount >= arity.Min && op.ArgCount <= arity.Max)
            return null;
        var takes = arity.Min == arity.Max ? $"{arity.Min}" : $"{arity.Min} to {arity.Max}";
        return $"{op.Op} takes {takes} argument{(arity.Max == 1 ? "" : "s")} in the model, but was called with {op.ArgCount}";
    }

    /// <summary>The int value of an index argument (a bool is an int, as in Python), or null.</summary>
    public static BigInteger? Index(PyValue? value) => value switch
    {
        PyValue.IntValue i => i.Value,
        PyValue.BoolValue b => b.Value ? 1 : 0,
        _ => null,
    };
}
