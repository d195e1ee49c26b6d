using System.Globalization;
using System.Text;

namespace Conformance.Harness.Scenarios;

/// <summary>One problem found while loading a scenario, at a 1-based line and column of its file.</summary>
/// <param name="File">The scenario file, as it was named to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ScenarioDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary>What is wrong and what was expected, on one line: control, line-break and direction characters quoted from the file are escaped.</summary>
    /// <remarks>
    /// Messages quote keys and values of the file, which may hold anything (a NUL, an escape sequence, a line break in a
    /// quoted key, a right-to-left override); written raw, they would split the diagnostic or rewrite the terminal.
    /// </remarks>
    public string Message { get; init; } = OneLine(Message);

    /// <summary><c>file:line:column: message</c>, the form editors and CI logs turn into links.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";

    private static string OneLine(string message)
    {
        if (!message.Any(IsUnsafe))
            return message;
        var text = new StringBuilder(message.Length + 16);
        foreach (var c in message)
        {
            if (!IsUnsafe(c))
                text.Append(c);
            else
                text.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") });
        }
        return text.ToString();
    }

    // C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional overrides and isolates.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
