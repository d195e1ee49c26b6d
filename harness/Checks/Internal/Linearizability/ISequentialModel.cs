using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// A sequential specification (Porcupine's <c>Model</c>): what each operation returns and leaves behind when the
/// object is used by one process at a time. States are immutable <see cref="PyValue"/>s, so the search can memoise
/// them.
/// </summary>
internal interface ISequentialModel
{
    /// <summary>The model's name in <c>linearizable: {model}</c>.</summary>
    string Name { get; }

    /// <summary>Its operations (the same as language.json's <c>linearizable_models</c>).</summary>
    IReadOnlyCollection<string> Ops { get; }

    /// <summary>The default initial state.</summary>
    PyValue Empty { get; }

    /// <summary>Why <paramref name="op"/>'s arguments cannot be an operation of this model (wrong count, a non-int index), or null.</summary>
    string? CheckArgs(LinearOperation op);

    /// <summary>Whether the model itself can make <paramref name="op"/> raise <paramref name="error"/> (another error means its effect is unknown).</summary>
    bool CanRaise(string op, string error);

    /// <summary>
    /// The part of the state <paramref name="op"/> reads and writes, when it is one independent part (a dict key), or
    /// null when it sees the whole state. A history of only keyed operations is checked part by part
    /// (P-compositionality: a history is linearizable iff each part's is).
    /// </summary>
    PyValue? Partition(LinearOperation op);

    /// <summary>The initial state of the part <paramref name="key"/> of <paramref name="state"/>.</summary>
    PyValue Project(PyValue state, PyValue key);

    /// <summary>What <paramref name="op"/> does to <paramref name="state"/>: the state after and the outcome.</summary>
    (PyValue Next, Outcome Outcome) Apply(PyValue state, LinearOperation op);
}
