using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Multiprocessing.Python;

/// <summary>Python's <c>str()</c> and <c>repr()</c> for the values a scenario handles, character for character.</summary>
public static class PyRepr
{
    /// <summary>Python <c>str(value)</c>.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        IPyObject o => o.PyStr(),
        Exception e => PyErrors.Str(e),
        _ => Repr(value),
    };

    /// <summary>Python <c>repr(value)</c>.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long or int or short or byte or sbyte or uint or ulong or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        System.Numerics.BigInteger n => PyInt.ToDecimal(n),
        double d => Float(d),
        float f => Float(f),
        string s => String(s),
        byte[] bytes => Multiprocessing.Internal.PyBytes.Repr(bytes), // bytes as a manager or a CPython peer sends them
        IPyObject o => o.PyRepr(),
        PyTuple t => t.Items.Count == 1 ? $"({Repr(t.Items[0])},)" : $"({Join(t.Items)})",
        IDictionary dict => Dict(dict),
        IList list => $"[{Join(list)}]",
        Exception e => PyErrors.Repr(e),
        Multiprocessing.Process or Multiprocessing.SemLockBase or Multiprocessing.Queue or Multiprocessing.Condition
            or Multiprocessing.Event => value.ToString()!,
        _ => throw new ArgumentException($"no Python repr for a {value.GetType().Name}; scenario values are None, bool, int, float, str, list, tuple, dict and scenario objects", nameof(value)),
    };

    /// <summary>
    /// The address in a default repr (<c>&lt;function f at 0x7f...&gt;</c>, CPython's <c>id()</c> in hex): stable for the
    /// object's lifetime, fake (the harness scrubs addresses anyway).
    /// </summary>
    public static string Address(object o) => $"0x7f{(uint)RuntimeHelpers.GetHashCode(o) * 16L:x10}";

    /// <summary>Python's float repr: shortest round-trip digits, fixed notation for 1e-4 ≤ |x| &lt; 1e16, else scientific.</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d))
            return "nan";
        if (double.IsInfinity(d))
            return d > 0 ? "inf" : "-inf";
        if (d == 0)
            return double.IsNegative(d) ? "-0.0" : "0.0";
        // "E16" is not shortest; "R" is, but in .NET's layout: take its digits and exponent and lay them out as Python does.
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = r.StartsWith('-');
        if (negative)
            r = r[1..];
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var dot = r.IndexOf('.');
        var intPart = dot >= 0 ? r[..dot] : r;
        var fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        // decimalExponent: the power of ten of the first significant digit.
        var decimalExponent = intPart.Length - 1 - leadingZeros + exponent;
        string body;
        if (decimalExponent is >= -4 and < 16)
        {
            if (decimalExponent >= 0)
            {
                var whole = digits.Length > decimalExponent + 1 ? digits[..(decimalExponent + 1)] : digits.PadRight(decimalExponent + 1, '0');
                var frac = digits.Length > decimalExponent + 1 ? digits[(decimalExponent + 1)..] : "0";
                body = $"{whole}.{frac}";
            }
            else
            {
                body = $"0.{new string('0', -decimalExponent - 1)}{digits}";
            }
        }
        else
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            body = $"{mantissa}e{(decimalExponent < 0 ? "-" : "+")}{Math.Abs(decimalExponent):00}";
        }
        return negative ? "-" + body : body;
    }

    /// <summary>Python's str repr: single quotes unless the text has a single quote and no double quote.</summary>
    public static string String(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == quote || c == '\\')
                sb.Append('\\').Append((char)c);
            else if (c == '\n')
                sb.Append("\\n");
            else if (c == '\r')
                sb.Append("\\r");
            else if (c == '\t')
                sb.Append("\\t");
            else if (c < 0x20 || c == 0x7f)
                sb.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}");
            else if (c >= 0x80 && !IsPrintable(rune))
                sb.Append(c <= 0xff ? $"\\x{c:x2}" : c <= 0xffff ? $"\\u{c:x4}" : $"\\U{c:x8}");
            else
                sb.Append(rune.ToString());
        }
        return sb.Append(quote).ToString();
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };

    private static string Dict(IDictionary dict)
    {
        var parts = new List<string>(dict.Count);
        foreach (DictionaryEntry entry in dict)
            parts.Add($"{Repr(entry.Key)}: {Repr(entry.Value)}");
        return $"{{{string.Join(", ", parts)}}}";
    }

    private static string Join(IEnumerable items)
    {
        var parts = new List<string>();
        foreach (var item in items)
            parts.Add(Repr(item));
        return string.Join(", ", parts);
    }
}
