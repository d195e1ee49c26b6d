using System.Collections.Immutable;
using Conformance.Harness.Scenarios;
using static Conformance.Harness.Checks.Internal.Linearizability.ModelHelpers;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>The sequential model of a list (CPython's <c>list</c> behind a manager <c>ListProxy</c>); every operation sees the whole list.</summary>
internal sealed class ListModel : ISequentialModel
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["append"] = (1, 1), ["extend"] = (1, 1), ["insert"] = (2, 2), ["pop"] = (0, 1), ["remove"] = (1, 1),
        ["__getitem__"] = (1, 1), ["__setitem__"] = (2, 2), ["__len__"] = (0, 0), ["len"] = (0, 0),
        ["__contains__"] = (1, 1), ["index"] = (1, 1), ["count"] = (1, 1), ["reverse"] = (0, 0),
    };

    public string Name => "list";

    public IReadOnlyCollection<string> Ops => Arity.Keys;

    public PyValue Empty { get; } = new PyValue.SequenceValue([], false);

    public string? CheckArgs(LinearOperation op)
    {
        if (ArityProblem(op, Arity[op.Op]) is { } problem)
            return problem;
        if (op.Op is "insert" or "pop" or "__getitem__" or "__setitem__" && op.ArgCount > 0 && Index(op.Arg(0)) is null)
            return $"the list model's {op.Op} takes an int index, not {op.Arg(0)!.Repr()} (slices are not modelled)";
        if (op.Op == "extend" && op.Arg(0) is not (PyValue.SequenceValue or PyValue.StrValue))
            return $"the list model's extend takes a list, tuple or str, not {op.Arg(0)!.Repr()}";
        return null;
    }

    public bool CanRaise(string op, string error) =>
        (error == "IndexError" && op is "pop" or "__getitem__" or "__setitem__") || (error == "ValueError" && op is "remove" or "index");

    public PyValue? Partition(LinearOperation op) => null;

    public PyValue Project(PyValue state, PyValue key) => state;

    public (PyValue Next, Outcome Outcome) Apply(PyValue state, LinearOperation op)
    {
        var items = ((PyValue.SequenceValue)state).Items;
        var x = op.Arg(0);
        int? At(PyValue? index)
        {
            var i = Index(index)!.Value;
            if (i < 0)
                i += items.Length;
            return i >= 0 && i < items.Length ? (int)i : null;
        }
        // Python's == between items: 1, 1.0 and True are equal.
        int Find(PyValue v) => items.ToList().FindIndex(i => i.Key().Equals(v.Key()));
        switch (op.Op)
        {
            case "append":
                return (Of(items.Add(x!)), Return(PyValue.None));
            case "extend":
                var added = x is PyValue.StrValue s
                    ? s.Value.EnumerateRunes().Select(r => (PyValue)new PyValue.StrValue(r.ToString()))
                    : ((PyValue.SequenceValue)x!).Items;
                return (Of(items.AddRange(added)), Return(PyValue.None));
            case "insert":
                // Python clamps an insert position into the list instead of raising.
                var where = Index(x)!.Value;
                where = where < 0 ? BigIntegerMax(where + items.Length, 0) : BigIntegerMin(where, items.Length);
                return (Of(items.Insert((int)where, op.Arg(1)!)), Return(PyValue.None));
            case "pop":
                if (items.Length == 0)
                    return (state, Raise("IndexError"));
                var p = op.ArgCount == 0 ? items.Length - 1 : At(x);
                return p is { } pi ? (Of(items.RemoveAt(pi)), Return(items[pi])) : (state, Raise("IndexError"));
            case "remove":
                return Find(x!) is var r and >= 0 ? (Of(items.RemoveAt(r)), Return(PyValue.None)) : (state, Raise("ValueError"));
            case "__getitem__":
                return (state, At(x) is { } g ? Return(items[g]) : Raise("IndexError"));
            case "__setitem__":
                return At(x) is { } si ? (Of(items.SetItem(si, op.Arg(1)!)), Return(PyValue.None)) : (state, Raise("IndexError"));
            case "__len__" or "len":
                return (state, Return(PyValue.Int(items.Length)));
            case "__contains__":
                return (state, Return(PyValue.Bool(Find(x!) >= 0)));
            case "index":
                return (state, Find(x!) is var f and >= 0 ? Return(PyValue.Int(f)) : Raise("ValueError"));
            case "count":
                return (state, Return(PyValue.Int(items.Count(i => i.Key().Equals(x!.Key())))));
            case "reverse":
                return (Of([.. items.Reverse()]), Return(PyValue.None));
            default:
                throw new ArgumentException($"the list model has no operation '{op.Op}'");
        }
    }

    private static PyValue.SequenceValue Of(ImmutableArray<PyValue> items) => new(items, false);

    private static System.Numerics.BigInteger BigIntegerMax(System.Numerics.BigInteger a, System.Numerics.BigInteger b) => a > b ? a : b;

    private static System.Numerics.BigInteger BigIntegerMin(System.Numerics.BigInteger a, System.Numerics.BigInteger b) => a < b ? a : b;
}
