namespace Conformance.Harness.Checks;

/// <summary>A trace file that does not follow the JSONL event format; the message names <c>path:line</c>.</summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>Creates the exception with a message that already names the location.</summary>
    public TraceFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
