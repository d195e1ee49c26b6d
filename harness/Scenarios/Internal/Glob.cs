using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Globs: scenario ids (<c>*</c> within a segment, <c>**</c> across) and process names (<c>*</c>, <c>?</c>).</summary>
internal static class Glob
{
    public static Regex IdPattern(string glob)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "a/**/b" also matches "a/b": the slash after ** is optional with it.
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
                sb.Append("[^/]*");
            else if (c == '?')
                sb.Append("[^/]");
            else
                sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Whether some name matches both patterns (each may hold <c>*</c> and <c>?</c>).</summary>
    public static bool Intersects(string a, string b)
    {
        var memo = new Dictionary<(int, int), bool>();
        return Step(0, 0);

        bool Step(int i, int j)
        {
            if (memo.TryGetValue((i, j), out var known))
                return known;
            bool result;
            if (i == a.Length && j == b.Length)
                result = true;
            else if (i < a.Length && a[i] == '*')
                result = Step(i + 1, j) || (j < b.Length && Step(i, j + 1));
            else if (j < b.Length && b[j] == '*')
                result = Step(i, j + 1) || (i < a.Length && Step(i + 1, j));
            else
                result = i < a.Length && j < b.Length && (a[i] == b[j] || a[i] == '?' || b[j] == '?') && Step(i + 1, j + 1);
            memo[(i, j)] = result;
            return result;
        }
    }
}
