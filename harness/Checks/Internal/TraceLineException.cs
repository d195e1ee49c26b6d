namespace Conformance.Harness.Checks.Internal;

/// <summary>A trace line that cannot be read; <see cref="Truncated"/> when it is not even complete JSON.</summary>
internal sealed class TraceLineException(string message, bool truncated, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Whether the line is cut short JSON (as a killed writer leaves it) rather than a wrong event.</summary>
    public bool Truncated { get; } = truncated;
}
