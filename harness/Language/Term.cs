namespace Conformance.Harness.Language;

/// <summary>A word of the language with what it means (a trace event kind, a word step).</summary>
public sealed record Term(string Name, string Doc);
