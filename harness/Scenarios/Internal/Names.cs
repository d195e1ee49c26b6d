using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Identifier rules and "did you mean" suggestions.</summary>
internal static partial class Names
{
    /// <summary>Names longer than this get no "did you mean": no typo is that long, and the comparison's cost grows with the square.</summary>
    private const int MaxSuggestedLength = 100;

    /// <summary>The identifier regex (the definition's <c>identifiers.pattern</c>; a test holds the two together).</summary>
    public static Regex IdentifierRegex => IdentifierPattern();

    public static bool IsIdentifier(string s) => IdentifierPattern().IsMatch(s) && !Vocabulary.PythonKeywords.Contains(s);

    /// <summary>A dotted path <c>name.attr.attr</c> split into its parts, or null when a part is not an identifier.</summary>
    public static string[]? SplitPath(string s)
    {
        var parts = s.Split('.');
        return parts.All(IsIdentifier) ? parts : null;
    }

    public static bool IsKebab(string s) => KebabPattern().IsMatch(s);

    /// <summary>The closest candidate when it is close enough to be a likely typo.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        // The distance costs |name| x |candidate| in time and memory, and both come from the file: a 100,000-character
        // name compared with another would take gigabytes. Nobody makes a typo in a name that long, and a candidate
        // whose length differs by more than the allowed distance cannot be within it.
        if (name.Length > MaxSuggestedLength)
            return null;
        var allowed = Math.Max(1, name.Length / 3);
        var best = candidates
            .Where(c => Math.Abs(c.Length - name.Length) <= allowed)
            .Select(c => (Name: c, Distance: Distance(name, c)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name;
    }

    /// <summary>"; did you mean 'x'?" or nothing.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates, string prefix = "", string suffix = "")
    {
        var s = Suggest(name, candidates);
        return s is null ? "" : $"; did you mean '{prefix}{s}{suffix}'?";
    }

    public static string List(IEnumerable<string> names) => string.Join(", ", names);

    private static int Distance(string a, string b)
    {
        // Optimal string alignment: a swap of two adjacent letters ("lokc") is one typo, not two.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabPattern();
}
