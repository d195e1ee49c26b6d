using System;
using System.Globalization;
using Conformance.Backend.CSharp.Values;

namespace Conformance.Backend.CSharp;

/// <summary>A small subset of Python's format-spec mini-language: [[fill]align][width][.precision][type] with d, f, s.</summary>
public static class PyFormat
{
    /// <summary>Python <c>format(value, spec)</c> for the common specs.</summary>
    public static string Apply(object? value, string spec)
    {
        var i = 0;
        var fill = ' ';
        char? align = null;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^')
        {
            align = spec[0];
            i = 1;
        }
        var zero = i < spec.Length && spec[i] == '0';
        var start = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            i++;
        var width = i > start ? int.Parse(spec[start..i], CultureInfo.InvariantCulture) : 0;
        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            var p = ++i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
                i++;
            precision = int.Parse(spec[p..i], CultureInfo.InvariantCulture);
        }
        var type = i < spec.Length ? spec[i] : '\0';
        if (i + (type == '\0' ? 0 : 1) != spec.Length)
            throw new Multiprocessing.ValueError($"Invalid format specifier '{spec}' for object of type '{PyOps.TypeName(value)}'");
        var numeric = value is long or int or double or bool;
        string text = type switch
        {
            'f' or 'F' => PyOps.AsDouble(value).ToString("F" + (precision ?? 6), CultureInfo.InvariantCulture),
            'd' => PyOps.AsLong(value).ToString(CultureInfo.InvariantCulture),
            _ when precision is { } p && value is string s => s.Length > p ? s[..p] : s,
            _ when precision is { } p && value is double d => d.ToString("G" + p, CultureInfo.InvariantCulture),
            _ => PyRepr.Str(value),
        };
        if (text.Length >= width)
            return text;
        if (zero && numeric && align is null)
        {
            var negative = text.StartsWith('-');
            var digits = negative ? text[1..] : text;
            return (negative ? "-" : "") + digits.PadLeft(width - (negative ? 1 : 0), '0');
        }
        align ??= numeric ? '>' : '<';
        var pad = width - text.Length;
        return align switch
        {
            '<' => text + new string(fill, pad),
            '>' => new string(fill, pad) + text,
            _ => new string(fill, pad / 2) + text + new string(fill, pad - pad / 2),
        };
    }
}
