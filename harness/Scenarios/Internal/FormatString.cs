namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Parses <c>{format: ...}</c> text: <c>{name}</c> / <c>{name.attr}</c> placeholders, <c>{{</c> / <c>}}</c> escapes.</summary>
internal static class FormatString
{
    /// <summary>The placeholders' paths, or an error describing the first bad brace.</summary>
    public static (List<string[]> Placeholders, string? Error) Parse(string text)
    {
        var found = new List<string[]>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    i++;
                    continue;
                }
                return (found, $"single '}}' at offset {i}; write '}}}}' for a literal brace");
            }
            if (c != '{')
                continue;
            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                i++;
                continue;
            }
            var close = text.IndexOf('}', i + 1);
            if (close < 0)
                return (found, $"unclosed '{{' at offset {i}; write '{{{{' for a literal brace");
            var inner = text[(i + 1)..close];
            if (Names.SplitPath(inner) is not { } path)
                return (found, $"bad placeholder '{{{inner}}}'; expected {{name}} or {{name.attr}} (no format specs or expressions)");
            found.Add(path);
            i = close;
        }
        return (found, null);
    }
}
