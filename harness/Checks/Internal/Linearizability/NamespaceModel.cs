using Conformance.Harness.Scenarios;
using static Conformance.Harness.Checks.Internal.Linearizability.ModelHelpers;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// The sequential model of a manager <c>Namespace</c>: a dict of attribute names to values. A name starting with
/// <c>_</c> is set on the process's own proxy, never on the server (CPython's NamespaceProxy), so it is a separate
/// attribute in each process.
/// </summary>
internal sealed class NamespaceModel : ISequentialModel
{
    private static readonly Dictionary<string, int> Arity = new(StringComparer.Ordinal)
    {
        ["__setattr__"] = 2, ["__getattr__"] = 1, ["__delattr__"] = 1,
    };

    public string Name => "namespace";

    public IReadOnlyCollection<string> Ops => Arity.Keys;

    public PyValue Empty => PyValue.DictValue.Empty;

    public string? CheckArgs(LinearOperation op)
    {
        if (ArityProblem(op, (Arity[op.Op], Arity[op.Op])) is { } problem)
            return problem;
        return op.Arg(0) is PyValue.StrValue ? null : $"an attribute name is a str, not {op.Arg(0)!.Repr()}";
    }

    public bool CanRaise(string op, string error) => error == "AttributeError" && op is "__getattr__" or "__delattr__";

    public PyValue? Partition(LinearOperation op) => Attribute(op);

    public PyValue Project(PyValue state, PyValue key) => ((PyValue.DictValue)state).Only(key);

    public (PyValue Next, Outcome Outcome) Apply(PyValue state, LinearOperation op)
    {
        var d = (PyValue.DictValue)state;
        var name = Attribute(op);
        var at = d.Find(name);
        return op.Op switch
        {
            "__setattr__" => (d.With(name, op.Arg(1)!), Return(PyValue.None)),
            "__getattr__" => (d, at < 0 ? Raise("AttributeError") : Return(d.Entries[at].Value)),
            "__delattr__" => at < 0 ? (d, Raise("AttributeError")) : (d.Without(at), Return(PyValue.None)),
            _ => throw new ArgumentException($"the namespace model has no operation '{op.Op}'"),
        };
    }

    /// <summary>The attribute an operation names: its name, or (name, pid) for a name that stays on the proxy.</summary>
    private static PyValue Attribute(LinearOperation op)
    {
        var name = op.Arg(0)!;
        return name is PyValue.StrValue { Value: [ '_', ..] }
            ? new PyValue.SequenceValue([name, PyValue.Int(op.Pid)], true)
            : name;
    }
}
