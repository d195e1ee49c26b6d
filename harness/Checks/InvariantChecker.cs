using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Checks.Internal;
using Conformance.Harness.Running;

namespace Conformance.Harness.Checks;

/// <summary>Checks a scenario's <c>invariants</c> against the trace of one run (see docs/scenario-authors.md, "Invariants").</summary>
public static class InvariantChecker
{
    private static readonly Dictionary<string, Func<JsonNode, Trace, CheckResult>> Kinds = new()
    {
        ["before"] = BeforeCheck.Check,
        ["program_order"] = ProgramOrderCheck.Check,
        ["mutual_exclusion"] = ConcurrencyCheck.MutualExclusion,
        ["max_concurrent"] = ConcurrencyCheck.MaxConcurrent,
        ["count"] = CountCheck.Check,
        ["exactly_once"] = ExactlyOnceCheck.Check,
        ["min_elapsed"] = MinElapsedCheck.Check,
    };

    /// <summary>One outcome per invariant, in the scenario's order; none when it declares no invariants.</summary>
    public static IReadOnlyList<InvariantOutcome> Check(JsonObject scenario, Trace trace) =>
        scenario["invariants"] is JsonArray invariants
            ? [.. invariants.Select(i => CheckOne(i!.AsObject(), trace))]
            : [];

    private static InvariantOutcome CheckOne(JsonObject invariant, Trace trace)
    {
        var name = invariant["name"]!.GetValue<string>();
        var kind = invariant.Select(p => p.Key).FirstOrDefault(Kinds.ContainsKey)
            ?? throw new ArgumentException($"invariant '{name}' has no known kind; expected one of {string.Join(", ", Kinds.Keys)}");
        try
        {
            var result = Kinds[kind](invariant[kind]!, trace);
            return new InvariantOutcome(name, kind, result.Passed, result.Detail);
        }
        catch (RegexMatchTimeoutException e)
        {
            // A pathological regex is the scenario's fault for this invariant only; the other invariants still count.
            return new InvariantOutcome(name, kind, false, $"regex '{e.Pattern}' timed out on '{e.Input}'");
        }
    }
}
