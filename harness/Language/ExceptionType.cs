namespace Conformance.Harness.Language;

/// <summary>
/// An exception type a scenario names in <c>raise</c> and <c>except</c>: its Python class, that class's bases (by
/// their names in the language), and the attributes readable on it alone besides <c>args</c> (SystemExit's <c>code</c>).
/// </summary>
public sealed record ExceptionType(string Name, string Python, IReadOnlyList<string> Bases, IReadOnlyList<string> Attributes);
