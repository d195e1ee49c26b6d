namespace Conformance.Harness.Running;

/// <summary>One known divergence from <c>expected/expectations.yaml</c> (web-platform-tests' expectation files).</summary>
/// <param name="Scenario">The scenario id.</param>
/// <param name="Backend">A glob (<c>*</c>, <c>?</c>) over backend ids and names: <c>csharp</c>, <c>cpython</c>, <c>cpython-3.13.*</c>.</param>
/// <param name="Expect">The verdict it is known to get: fail, error, timeout or not-implemented.</param>
/// <param name="Reason">Why, in a sentence (shown with the verdict).</param>
/// <param name="Where">Its <c>file:line:column</c>, so a stale entry can be found.</param>
public sealed record Expectation(string Scenario, string Backend, Verdict Expect, string Reason, string Where);
