using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>
/// Parses <c>{format: ...}</c> text: <c>{name}</c> / <c>{name.attr}</c> placeholders with an optional conversion
/// (<c>!r</c>, <c>!s</c>) and format spec (<c>:&gt;10.2f</c>, Python's mini-language), <c>{{</c> / <c>}}</c> escapes.
/// </summary>
internal static partial class FormatString
{
    /// <summary>The placeholders' paths, or an error describing the first bad brace, conversion or spec.</summary>
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
            if (inner.Contains('{'))
                return (found, $"nested '{{' in placeholder at offset {i}; expected {{name}}, {{name!r}} or {{name:spec}} (no nested fields)");
            var field = inner;
            string? spec = null;
            var colon = field.IndexOf(':');
            if (colon >= 0)
            {
                spec = field[(colon + 1)..];
                field = field[..colon];
            }
            var bang = field.IndexOf('!');
            if (bang >= 0)
            {
                var conversion = field[(bang + 1)..];
                field = field[..bang];
                if (conversion is not ("r" or "s"))
                    return (found, $"bad conversion '!{conversion}' in '{{{inner}}}'; expected !r (repr) or !s (str)");
            }
            if (Names.SplitPath(field) is not { } path)
                return (found, $"bad placeholder '{{{inner}}}'; expected {{name}} or {{name.attr}}, optionally with !r / !s and :spec (no expressions)");
            if (spec is not null && SpecError(spec) is { } error)
                return (found, $"bad format spec '{spec}' in '{{{inner}}}': {error}");
            found.Add(path);
            i = close;
        }
        return (found, null);
    }

    /// <summary>Why <paramref name="spec"/> is not Python's format-spec mini-language, or null.</summary>
    public static string? SpecError(string spec)
    {
        if (spec.Length == 0)
            return null;
        var m = Spec().Match(spec);
        if (!m.Success)
        {
            return Regex.IsMatch(spec, @"\.(?![0-9])")
                ? "Format specifier missing precision"
                : "expected [[fill]align][sign][z][#][0][width][,|_][.precision][type], type one of b c d e E f F g G n o s x X %";
        }
        if (m.Groups["group"].Success && m.Groups["group2"].Success)
            return "Cannot specify both ',' and '_'.";
        if (m.Groups["group"].Value == "," && m.Groups["type"].Value == "n")
            return "Cannot specify ',' with 'n'.";
        return null;
    }

    [GeneratedRegex(@"^(?:[^{}]?[<>=^])?[-+ ]?z?#?0?[0-9]*(?<group>[,_])?(?<group2>[,_])?(?:\.[0-9]+)?(?<type>[bcdeEfFgGnosxX%])?$", RegexOptions.Singleline)]
    private static partial Regex Spec();
}
