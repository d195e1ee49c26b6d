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
                return s.ToUpperInvariant();
            case "lower":
                Most(0);
                return s.ToLowerInvariant();
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
}
