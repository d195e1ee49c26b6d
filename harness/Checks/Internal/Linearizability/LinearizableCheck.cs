using System.Globalization;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// <c>linearizable: {obj, model, initial, ops}</c>: some sequential order of the operations on <c>obj</c>, respecting
/// real-time order, explains every result under the model (Porcupine's <c>CheckOperations</c>). A history of keyed
/// operations only (dict keys, Namespace attributes) is checked key by key (P-compositionality).
/// </summary>
internal static class LinearizableCheck
{
    /// <summary>Operations of the longest prefix a failure shows (its last ones).</summary>
    private const int Shown = 3;

    public static CheckResult Check(LinearizableInvariant invariant, Trace trace) => Check(invariant, trace, SearchBudget.Default());

    public static CheckResult Check(LinearizableInvariant invariant, Trace trace, SearchBudget budget)
    {
        if (!SequentialModels.All.TryGetValue(invariant.Model, out var model))
            return CheckResult.Fail($"unknown model '{invariant.Model}'; expected one of {string.Join(", ", SequentialModels.All.Keys)}");
        var (ops, problem) = History.Build(trace, invariant.Obj, invariant.Ops, model);
        if (problem is not null)
            return CheckResult.Fail(problem);
        if (ops.Count == 0)
            return CheckResult.Fail($"no operation on '{invariant.Obj}'{(invariant.Ops is null ? "" : $" ({string.Join(", ", invariant.Ops)})")} is in the trace");
        var initial = invariant.Initial ?? model.Empty;

        // P-compositionality: when every operation touches one key, each key's history is checked on its own.
        var keys = ops.Select(model.Partition).ToList();
        var parts = keys.All(k => k is not null)
            ? ops.Zip(keys).GroupBy(p => p.Second!, p => p.First).Select(g => (Key: (PyValue?)g.Key, Ops: g.ToList(), Initial: model.Project(initial, g.Key))).ToList()
            : [(Key: (PyValue?)null, Ops: ops, Initial: initial)];

        SearchResult? undecided = null;
        foreach (var (key, part, start) in parts)
        {
            var result = LinearizabilitySearch.Run(model, start, part, budget);
            if (result.Verdict == SearchVerdict.NotLinearizable)
                return CheckResult.Fail(Failure(model, key, part.Count, result));
            if (result.Verdict == SearchVerdict.Undecided)
            {
                undecided = result;
                break;
            }
        }
        var processes = ops.Select(o => o.Pid).Distinct().Count();
        if (undecided is not null)
        {
            return CheckResult.Fail(
                $"undecided: the search for an order of the {Evidence.Plural(ops.Count, "operation")} on '{invariant.Obj}' " +
                $"({Evidence.Plural(processes, "process", "processes")}) stopped at its bound ({Count(budget.MaxSteps)} model steps, " +
                $"{Count(budget.MaxMemo)} memoised values) after {Count(budget.Steps)} steps, having placed at most " +
                $"{undecided.Longest.Count} of a part's operations; too many operations overlap to decide: make fewer of them concurrent " +
                "(fewer processes or operations per run, or synchronise phases)");
        }
        var partitions = keys.All(k => k is not null) ? $"{Evidence.Plural(parts.Count, "key")} checked one by one" : "checked whole";
        var pending = ops.Count(o => o.Pending);
        return CheckResult.Pass(
            $"{Evidence.Plural(ops.Count, "operation")} by {Evidence.Plural(processes, "process", "processes")} linearizable " +
            $"({partitions}, {Evidence.Plural((int)Math.Min(budget.Steps, int.MaxValue), "model step")}" +
            $"{(pending > 0 ? $", {pending} without a known end" : "")})");
    }

    /// <summary>Porcupine's report: the first operation that cannot be placed after the longest linearizable prefix.</summary>
    private static string Failure(ISequentialModel model, PyValue? key, int count, SearchResult result)
    {
        var blocked = result.Blocked!;
        var (_, predicted) = model.Apply(result.State, blocked);
        var of = key is null ? "" : $" (key {KeyText(key)}, {Evidence.Plural(count, "operation")})";
        var prefix = result.Longest.Count == 0
            ? "no operation can be placed first"
            : $"after the longest linearizable prefix of {Evidence.Plural(result.Longest.Count, "operation")} " +
              $"({(result.Longest.Count > Shown ? "ending " : "")}{string.Join("; ", result.Longest.TakeLast(Shown).Select(o => o.ToString()))})";
        return $"not linearizable{of}: {prefix}, no order places {blocked}: " +
               $"there the {model.Name} model's state is {LinearOperation.Shorten(result.State.Repr(), 200)}, where {blocked.Signature()} gives {LinearOperation.Shorten(predicted.ToString() ?? "")}";
    }

    private static string KeyText(PyValue key) =>
        // A Namespace attribute that stays on the proxy is keyed by (name, pid).
        key is PyValue.SequenceValue { IsTuple: true, Items: [PyValue.StrValue name, PyValue.IntValue pid] } && name.Value.StartsWith('_')
            ? $"{name.Repr()} of pid {pid.Value}"
            : key.Repr();

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
