namespace Conformance.Harness.Language;

/// <summary>An exception type a scenario names in <c>raise</c> and <c>except</c>: its Python class and that class's bases.</summary>
public sealed record ExceptionType(string Name, string Python, IReadOnlyList<string> Bases);
