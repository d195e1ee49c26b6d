namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Line and column of a point in text, counted as YamlDotNet counts them (so positions of both agree).</summary>
internal static class TextPosition
{
    /// <summary>The 1-based line and column just after <paramref name="text"/>: breaks are LF, CR, CRLF (one), NEL, LS and PS; a column is one char.</summary>
    public static (int Line, int Column) After(ReadOnlySpan<char> text)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                (line, column) = (line + 1, 1);
            }
            else
            {
                column++;
            }
        }
        return (line, column);
    }
}
