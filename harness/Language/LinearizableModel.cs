namespace Conformance.Harness.Language;

/// <summary>A sequential model the <c>linearizable</c> invariant checks a history against: its operations, each with a one-line specification.</summary>
/// <param name="Name">dict, list, namespace or register.</param>
/// <param name="Doc">What it models.</param>
/// <param name="Initial">The repr of its default initial state.</param>
/// <param name="Ops">Each operation's name and specification, in the definition's order.</param>
public sealed record LinearizableModel(string Name, string Doc, string Initial, IReadOnlyList<Term> Ops);
