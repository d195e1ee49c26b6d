using Conformance.Harness.Scenarios;
using static Conformance.Harness.Checks.Internal.Linearizability.ModelHelpers;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>The sequential model of one value read and written whole: a register (a manager <c>Value</c> proxy's <c>get</c> and <c>set</c>).</summary>
internal sealed class RegisterModel : ISequentialModel
{
    public string Name => "register";

    public IReadOnlyCollection<string> Ops { get; } = ["get", "set"];

    public PyValue Empty => PyValue.None;

    public string? CheckArgs(LinearOperation op) => ArityProblem(op, op.Op == "set" ? (1, 1) : (0, 0));

    public bool CanRaise(string op, string error) => false;

    public PyValue? Partition(LinearOperation op) => null;

    public PyValue Project(PyValue state, PyValue key) => state;

    public (PyValue Next, Outcome Outcome) Apply(PyValue state, LinearOperation op) =>
        op.Op == "set" ? (op.Arg(0)!, Return(PyValue.None)) : (state, Return(state));
}
