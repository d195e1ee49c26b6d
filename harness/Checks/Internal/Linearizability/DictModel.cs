using System.Collections.Immutable;
using Conformance.Harness.Scenarios;
using static Conformance.Harness.Checks.Internal.Linearizability.ModelHelpers;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>The sequential model of a dict (CPython's <c>dict</c> behind a manager <c>DictProxy</c>).</summary>
internal sealed class DictModel : ISequentialModel
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["__getitem__"] = (1, 1), ["get"] = (1, 2), ["__setitem__"] = (2, 2), ["setdefault"] = (1, 2), ["pop"] = (1, 2),
        ["__delitem__"] = (1, 1), ["__contains__"] = (1, 1), ["__len__"] = (0, 0), ["len"] = (0, 0), ["keys"] = (0, 0),
        ["values"] = (0, 0), ["items"] = (0, 0), ["copy"] = (0, 0), ["clear"] = (0, 0), ["update"] = (1, 1), ["popitem"] = (0, 0),
    };

    private static readonly HashSet<string> Keyed = ["__getitem__", "get", "__setitem__", "setdefault", "pop", "__delitem__", "__contains__"];

    public string Name => "dict";

    public IReadOnlyCollection<string> Ops => Arity.Keys;

    public PyValue Empty => PyValue.DictValue.Empty;

    public string? CheckArgs(LinearOperation op)
    {
        if (ArityProblem(op, Arity[op.Op]) is { } problem)
            return problem;
        if (op.Op == "update" && op.Arg(0) is not PyValue.DictValue)
            return $"the dict model's update takes a dict, not {op.Arg(0)!.Repr()}";
        return null;
    }

    public bool CanRaise(string op, string error) => error == "KeyError" && op is "__getitem__" or "pop" or "__delitem__" or "popitem";

    public PyValue? Partition(LinearOperation op) => Keyed.Contains(op.Op) ? op.Arg(0)!.Key() : null;

    public PyValue Project(PyValue state, PyValue key) => ((PyValue.DictValue)state).Only(key);

    public (PyValue Next, Outcome Outcome) Apply(PyValue state, LinearOperation op)
    {
        var d = (PyValue.DictValue)state;
        var key = op.Arg(0);
        var at = key is null || !Keyed.Contains(op.Op) ? -1 : d.Find(key);
        PyValue? Value() => at < 0 ? null : d.Entries[at].Value;
        return op.Op switch
        {
            "__getitem__" => (d, Value() is { } v ? Return(v) : Raise("KeyError")),
            "get" => (d, Return(Value() ?? op.Arg(1, "default") ?? PyValue.None)),
            "__setitem__" => (d.With(key!, op.Arg(1)!), Return(PyValue.None)),
            "setdefault" => Value() is { } v
                ? (d, Return(v))
                : (d.With(key!, op.Arg(1, "default") ?? PyValue.None), Return(op.Arg(1, "default") ?? PyValue.None)),
            "pop" => Value() is { } v
                ? (d.Without(at), Return(v))
                : (d, op.Arg(1, "default") is { } fallback ? Return(fallback) : Raise("KeyError")),
            "__delitem__" => at < 0 ? (d, Raise("KeyError")) : (d.Without(at), Return(PyValue.None)),
            "__contains__" => (d, Return(PyValue.Bool(at >= 0))),
            "__len__" or "len" => (d, Return(PyValue.Int(d.Entries.Length))),
            "keys" => (d, Return(List(d.Entries.Select(e => e.Key)))),
            "values" => (d, Return(List(d.Entries.Select(e => e.Value)))),
            "items" => (d, Return(List(d.Entries.Select(e => (PyValue)new PyValue.SequenceValue([e.Key, e.Value], true))))),
            "copy" => (d, Return(d)),
            "clear" => (PyValue.DictValue.Empty, Return(PyValue.None)),
            "update" => (((PyValue.DictValue)op.Arg(0)!).Entries.Aggregate(d, (acc, e) => acc.With(e.Key, e.Value)), Return(PyValue.None)),
            "popitem" => d.Entries.Length == 0
                ? (d, Raise("KeyError"))
                : (d.Without(d.Entries.Length - 1), Return(new PyValue.SequenceValue([d.Entries[^1].Key, d.Entries[^1].Value], true))),
            _ => throw new ArgumentException($"the dict model has no operation '{op.Op}'"),
        };
    }

    private static PyValue List(IEnumerable<PyValue> items) => new PyValue.SequenceValue([.. items], false);
}
