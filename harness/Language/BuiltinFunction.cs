namespace Conformance.Harness.Language;

/// <summary>A built-in function a scenario calls (never uses as a value), and the Python callable it stands for.</summary>
public sealed record BuiltinFunction(string Name, string Python, string Doc);
