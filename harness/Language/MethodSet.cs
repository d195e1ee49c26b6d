namespace Conformance.Harness.Language;

/// <summary>A value not made with <c>new</c> whose methods a scenario calls: a manager proxy or a pool result.</summary>
public sealed record MethodSet(string Name, string Doc, IReadOnlyList<string> Methods);
