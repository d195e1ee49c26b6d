namespace Conformance.Harness.Backends;

/// <summary>No CPython usable by the embedded backend was found; the message says what to install.</summary>
public sealed class PythonNotFoundException(string message) : Exception(message);
