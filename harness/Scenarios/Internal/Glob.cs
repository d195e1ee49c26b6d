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
    /// <remarks>
    /// Bottom-up over suffixes, two rows at a time: a recursive walk overflowed the stack on the long patterns a
    /// hostile scenario can hold (the loader fuzzer found it). Time is |a|·|b|, memory |b|.
    /// </remarks>
    public static bool Intersects(string a, string b)
    {
        // next[j]: a[i+1..] and b[j..] share a name; row[j]: a[i..] and b[j..] do.
        var next = new bool[b.Length + 1];
        var row = new bool[b.Length + 1];
        for (var i = a.Length; i >= 0; i--)
        {
            for (var j = b.Length; j >= 0; j--)
            {
                if (i == a.Length && j == b.Length)
                    row[j] = true;
                else if (i < a.Length && a[i] == '*')
                    row[j] = next[j] || (j < b.Length && row[j + 1]);
                else if (j < b.Length && b[j] == '*')
                    row[j] = row[j + 1] || (i < a.Length && next[j]);
                else
                    row[j] = i < a.Length && j < b.Length && (a[i] == b[j] || a[i] == '?' || b[j] == '?') && next[j + 1];
            }
            (next, row) = (row, next);
        }
        return next[0];
    }
}
