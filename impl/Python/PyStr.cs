using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Multiprocessing.Python;

/// <summary>
/// The str methods of the scenario language (language.json's <c>str_methods</c>) with CPython's semantics: indexes
/// and lengths in code points, Python's whitespace, and CPython's error texts. upper/lower use .NET's invariant
/// simple case mapping, which is CPython's for everything but the few characters with a multi-character mapping (ß).
/// </summary>
public static class PyStr
{
    private static string[] Runes(string s) => s.EnumerateRunes().Select(r => r.ToString()).ToArray();

    /// <summary>Python's str.isspace for one character (the Unicode White_Space set plus U+001C..U+001F).</summary>
    public static bool IsSpace(string c) => c.Length == 1 && (char.IsWhiteSpace(c[0]) || c[0] is >= '\x1c' and <= '\x1f');

    private static string Str(object? v, string what) =>
        IPyWrapper.Unwrap(v) as string ?? throw PyErrors.TypeError($"{what}, not {PyOps.TypeName(IPyWrapper.Unwrap(v))}");

    private static long? OptionalIndex(object? v) => v is null ? null : PyOps.AsLong(IPyWrapper.Unwrap(v));

    /// <summary>Calls str method <paramref name="op"/> on <paramref name="s"/> (the caller has checked the name is the language's).</summary>
    public static object? Call(string s, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        object? Arg(int i, string name, object? fallback) => i < args.Count ? args[i] : kwargs.TryGetValue(name, out var v) ? v : fallback;
        void Most(int n)
        {
            if (args.Count > n)
                throw PyErrors.TypeError(n == 0 ? $"str.{op}() takes no arguments ({args.Count} given)" : $"{op}() takes at most {n} argument{(n == 1 ? "" : "s")} ({args.Count} given)");
        }
        void Least(int n)
        {
            if (args.Count < n)
                throw PyErrors.TypeError($"{op}() takes at least {n} argument{(n == 1 ? "" : "s")} ({args.Count} given)");
        }
        switch (op)
        {
            case "upper":
                Most(0);
                return Upper(s);
            case "lower":
                Most(0);
                // İ's lower case is i + combining dot above (its one multi-character lower mapping in CPython)
                return s.Contains('\u0130', StringComparison.Ordinal) ? string.Join("i\u0307", s.Split('\u0130').Select(p => p.ToLowerInvariant())) : s.ToLowerInvariant();
            case "join":
            {
                if (args.Count != 1)
                    throw PyErrors.TypeError($"str.join() takes exactly one argument ({args.Count} given)");
                var parts = new List<string>();
                var i = 0;
                foreach (var item in PyOps.Iterate(args[0]))
                {
                    parts.Add(IPyWrapper.Unwrap(item) as string ?? throw PyErrors.TypeError($"sequence item {i}: expected str instance, {PyOps.TypeName(item)} found"));
                    i++;
                }
                return string.Join(s, parts);
            }
            case "split":
                Most(2);
                return Split(s, Arg(0, "sep", null), PyOps.AsLong(IPyWrapper.Unwrap(Arg(1, "maxsplit", -1L))));
            case "strip" or "lstrip" or "rstrip":
            {
                Most(1);
                var chars = Arg(0, "chars", null);
                var set = chars is null ? null : Runes(Str(chars, $"{op} arg must be None or str")).ToHashSet(StringComparer.Ordinal);
                bool Strip(string c) => set is null ? IsSpace(c) : set.Contains(c);
                var runes = Runes(s);
                var (a, b) = (0, runes.Length);
                if (op != "rstrip")
                {
                    while (a < b && Strip(runes[a]))
                        a++;
                }
                if (op != "lstrip")
                {
                    while (b > a && Strip(runes[b - 1]))
                        b--;
                }
                return string.Concat(runes[a..b]);
            }
            case "startswith" or "endswith":
            {
                Least(1);
                Most(3);
                var runes = Runes(s);
                var (a, b) = Range(runes.Length, OptionalIndex(Arg(1, "start", null)), OptionalIndex(Arg(2, "end", null)));
                var window = a > runes.Length ? null : string.Concat(runes[a..Math.Max(a, b)]);
                var prefixes = IPyWrapper.Unwrap(args[0]) switch
                {
                    string p => new object?[] { p },
                    PyTuple t => t.Items,
                    var other => throw PyErrors.TypeError($"{op} first arg must be str or a tuple of str, not {PyOps.TypeName(other)}"),
                };
                foreach (var item in prefixes)
                {
                    // As CPython: each item in turn, the first match answers (a later non-str is never looked at).
                    var p = IPyWrapper.Unwrap(item) as string ?? throw PyErrors.TypeError($"tuple for {op} must only contain str, not {PyOps.TypeName(item)}");
                    if (window is not null && (op == "startswith" ? window.StartsWith(p, StringComparison.Ordinal) : window.EndsWith(p, StringComparison.Ordinal)))
                        return true;
                }
                return false;
            }
            case "replace":
            {
                Least(2);
                Most(3);
                var old = Str(args[0], "replace() argument 1 must be str");
                var replacement = Str(args[1], "replace() argument 2 must be str");
                return Replace(s, old, replacement, PyOps.AsLong(IPyWrapper.Unwrap(Arg(2, "count", -1L))));
            }
            case "find" or "count":
            {
                Least(1);
                Most(3);
                var sub = Runes(Str(args[0], "must be str"));
                var runes = Runes(s);
                var (a, b) = Range(runes.Length, OptionalIndex(Arg(1, "start", null)), OptionalIndex(Arg(2, "end", null)));
                if (op == "find")
                {
                    for (var i = a; i + sub.Length <= b; i++)
                    {
                        if (Matches(runes, i, sub))
                            return (long)i;
                    }
                    return -1L;
                }
                if (a > runes.Length)
                    return 0L;
                if (sub.Length == 0)
                    return (long)Math.Max(0, b - a) + 1;
                var n = 0L;
                for (var i = a; i + sub.Length <= b;)
                {
                    if (Matches(runes, i, sub))
                    {
                        n++;
                        i += sub.Length;
                    }
                    else
                    {
                        i++;
                    }
                }
                return n;
            }
            case "zfill":
            {
                if (args.Count != 1)
                    throw PyErrors.TypeError($"str.zfill() takes exactly one argument ({args.Count} given)");
                var width = PyOps.AsLong(IPyWrapper.Unwrap(args[0]));
                var runes = Runes(s);
                if (runes.Length >= width)
                    return s;
                var zeros = new string('0', (int)(width - runes.Length));
                return runes.Length > 0 && runes[0] is "+" or "-" ? runes[0] + zeros + string.Concat(runes[1..]) : zeros + s;
            }
            case "ljust" or "rjust" or "center":
            {
                Least(1);
                Most(2);
                var width = PyOps.AsLong(IPyWrapper.Unwrap(args[0]));
                var fill = args.Count > 1 ? Str(args[1], $"{op}() argument 2 must be str") : " ";
                if (Runes(fill).Length != 1)
                    throw PyErrors.TypeError("The fill character must be exactly one character long");
                var length = Runes(s).Length;
                if (width <= length)
                    return s;
                var margin = (int)(width - length);
                var left = op switch
                {
                    "ljust" => 0,
                    "rjust" => margin,
                    _ => margin / 2 + (margin & (int)width & 1),
                };
                return Repeat(fill, left) + s + Repeat(fill, margin - left);
            }
            default:
                throw new ScenarioViolation("method of a str", op);
        }
    }

    private static string Repeat(string fill, int n) => n <= 0 ? "" : new StringBuilder().Insert(0, fill, n).ToString();

    private static bool Matches(string[] runes, int at, string[] sub)
    {
        for (var j = 0; j < sub.Length; j++)
        {
            if (!string.Equals(runes[at + j], sub[j], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>A slice's start and end as Python adjusts them (negative from the end, clamped to the length; start may exceed it).</summary>
    private static (int Start, int End) Range(int length, long? start, long? end)
    {
        long a = start ?? 0, b = end ?? length;
        if (a < 0)
            a = Math.Max(0, a + length);
        if (b < 0)
            b = Math.Max(0, b + length);
        b = Math.Min(b, length);
        return ((int)Math.Min(a, length + 1L), (int)b);
    }

    private static List<object?> Split(string s, object? sep, long maxsplit)
    {
        var result = new List<object?>();
        var runes = Runes(s);
        if (maxsplit < 0)
            maxsplit = long.MaxValue;
        if (sep is null)
        {
            var i = 0;
            while (true)
            {
                while (i < runes.Length && IsSpace(runes[i]))
                    i++;
                if (i >= runes.Length)
                    break;
                if (maxsplit-- == 0)
                {
                    result.Add(string.Concat(runes[i..])); // the rest as it is, trailing whitespace included
                    break;
                }
                var j = i;
                while (j < runes.Length && !IsSpace(runes[j]))
                    j++;
                result.Add(string.Concat(runes[i..j]));
                i = j;
            }
            return result;
        }
        var separator = Str(sep, "must be str or None");
        if (separator.Length == 0)
            throw new Multiprocessing.ValueError("empty separator");
        var start = 0;
        while (maxsplit-- > 0)
        {
            var at = s.IndexOf(separator, start, StringComparison.Ordinal);
            if (at < 0)
                break;
            result.Add(s[start..at]);
            start = at + separator.Length;
        }
        result.Add(s[start..]);
        return result;
    }

    private static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
            count = long.MaxValue;
        var sb = new StringBuilder();
        if (old.Length == 0)
        {
            var runes = Runes(s);
            var i = 0;
            for (; i < runes.Length; i++)
            {
                if (count-- > 0)
                    sb.Append(replacement);
                sb.Append(runes[i]);
            }
            if (count > 0)
                sb.Append(replacement);
            return sb.ToString();
        }
        var start = 0;
        while (count-- > 0)
        {
            var at = s.IndexOf(old, start, StringComparison.Ordinal);
            if (at < 0)
                break;
            sb.Append(s, start, at - start).Append(replacement);
            start = at + old.Length;
        }
        return sb.Append(s, start, s.Length - start).ToString();
    }

    /// <summary>
    /// CPython's str.upper: full case mapping, so the characters whose upper case is several characters (SpecialCasing:
    /// ß is SS, ŉ is ʼN, the ligatures, the Greek with iota subscript) map to all of them; every other character to
    /// .NET's invariant upper case. The table is CPython 3.11's (every code point whose upper() is longer than one).
    /// </summary>
    private static string Upper(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value < 0x10000 && FullUpper.TryGetValue((char)rune.Value, out var mapped))
                sb.Append(mapped);
            else
                sb.Append(Rune.ToUpperInvariant(rune).ToString());
        }
        return sb.ToString();
    }

    private static readonly Dictionary<char, string> FullUpper = "\u00DF\u0053\u0053|\u0149\u02BC\u004E|\u01F0\u004A\u030C|\u0390\u0399\u0308\u0301|\u03B0\u03A5\u0308\u0301|\u0587\u0535\u0552|\u1E96\u0048\u0331|\u1E97\u0054\u0308|\u1E98\u0057\u030A|\u1E99\u0059\u030A|\u1E9A\u0041\u02BE|\u1F50\u03A5\u0313|\u1F52\u03A5\u0313\u0300|\u1F54\u03A5\u0313\u0301|\u1F56\u03A5\u0313\u0342|\u1F80\u1F08\u0399|\u1F81\u1F09\u0399|\u1F82\u1F0A\u0399|\u1F83\u1F0B\u0399|\u1F84\u1F0C\u0399|\u1F85\u1F0D\u0399|\u1F86\u1F0E\u0399|\u1F87\u1F0F\u0399|\u1F88\u1F08\u0399|\u1F89\u1F09\u0399|\u1F8A\u1F0A\u0399|\u1F8B\u1F0B\u0399|\u1F8C\u1F0C\u0399|\u1F8D\u1F0D\u0399|\u1F8E\u1F0E\u0399|\u1F8F\u1F0F\u0399|\u1F90\u1F28\u0399|\u1F91\u1F29\u0399|\u1F92\u1F2A\u0399|\u1F93\u1F2B\u0399|\u1F94\u1F2C\u0399|\u1F95\u1F2D\u0399|\u1F96\u1F2E\u0399|\u1F97\u1F2F\u0399|\u1F98\u1F28\u0399|\u1F99\u1F29\u0399|\u1F9A\u1F2A\u0399|\u1F9B\u1F2B\u0399|\u1F9C\u1F2C\u0399|\u1F9D\u1F2D\u0399|\u1F9E\u1F2E\u0399|\u1F9F\u1F2F\u0399|\u1FA0\u1F68\u0399|\u1FA1\u1F69\u0399|\u1FA2\u1F6A\u0399|\u1FA3\u1F6B\u0399|\u1FA4\u1F6C\u0399|\u1FA5\u1F6D\u0399|\u1FA6\u1F6E\u0399|\u1FA7\u1F6F\u0399|\u1FA8\u1F68\u0399|\u1FA9\u1F69\u0399|\u1FAA\u1F6A\u0399|\u1FAB\u1F6B\u0399|\u1FAC\u1F6C\u0399|\u1FAD\u1F6D\u0399|\u1FAE\u1F6E\u0399|\u1FAF\u1F6F\u0399|\u1FB2\u1FBA\u0399|\u1FB3\u0391\u0399|\u1FB4\u0386\u0399|\u1FB6\u0391\u0342|\u1FB7\u0391\u0342\u0399|\u1FBC\u0391\u0399|\u1FC2\u1FCA\u0399|\u1FC3\u0397\u0399|\u1FC4\u0389\u0399|\u1FC6\u0397\u0342|\u1FC7\u0397\u0342\u0399|\u1FCC\u0397\u0399|\u1FD2\u0399\u0308\u0300|\u1FD3\u0399\u0308\u0301|\u1FD6\u0399\u0342|\u1FD7\u0399\u0308\u0342|\u1FE2\u03A5\u0308\u0300|\u1FE3\u03A5\u0308\u0301|\u1FE4\u03A1\u0313|\u1FE6\u03A5\u0342|\u1FE7\u03A5\u0308\u0342|\u1FF2\u1FFA\u0399|\u1FF3\u03A9\u0399|\u1FF4\u038F\u0399|\u1FF6\u03A9\u0342|\u1FF7\u03A9\u0342\u0399|\u1FFC\u03A9\u0399|\uFB00\u0046\u0046|\uFB01\u0046\u0049|\uFB02\u0046\u004C|\uFB03\u0046\u0046\u0049|\uFB04\u0046\u0046\u004C|\uFB05\u0053\u0054|\uFB06\u0053\u0054|\uFB13\u0544\u0546|\uFB14\u0544\u0535|\uFB15\u0544\u053B|\uFB16\u054E\u0546|\uFB17\u0544\u053D"
        .Split('|').ToDictionary(e => e[0], e => e[1..]);
}
