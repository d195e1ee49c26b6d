using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Reports;

/// <summary>One checklist item in a <see cref="Coverage"/>: the scenarios that cover it, or why none can.</summary>
/// <param name="Item">The checklist item.</param>
/// <param name="Scenarios">The ids of the scenarios (among those considered) whose <c>covers:</c> names it, sorted.</param>
/// <param name="UncoverableReason">Its reason in <c>scenarios/uncoverable.txt</c>, or null when it is not listed.</param>
public sealed record CoverageEntry(ChecklistItem Item, IReadOnlyList<string> Scenarios, string? UncoverableReason)
{
    /// <summary><c>covered</c> (some scenario names it), <c>uncoverable</c> (listed with a reason) or <c>uncovered</c>.</summary>
    public string Status => Scenarios.Count > 0 ? "covered" : UncoverableReason is not null ? "uncoverable" : "uncovered";

    /// <summary>A deterministic item that is neither covered nor listed as uncoverable: a gap in the suite.</summary>
    public bool IsGap => Item.Deterministic && Status == "uncovered";
}
