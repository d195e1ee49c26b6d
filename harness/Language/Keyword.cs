namespace Conformance.Harness.Language;

/// <summary>A constructor parameter of a primitive and CPython's default, as Python source (<c>None</c>, <c>()</c>, <c>0</c>).</summary>
public sealed record Keyword(string Name, string PythonDefault);
