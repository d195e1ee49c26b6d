using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Multiprocessing;

namespace Multiprocessing.Python;

/// <summary>
/// Python's format-spec mini-language (<c>format(value, spec)</c>) for int, bool, float and str, following CPython
/// 3.11's Python/formatter_unicode.c: the same parse, the same error texts, the same layout of sign, prefix, padding
/// and grouping. Floats are formatted from their exact binary value with round-half-even (as CPython's dtoa), never
/// with .NET's own number formatting (whose "F2" rounds 0.125 to 0.13 where CPython gives 0.12).
/// </summary>
public static class PyFormatSpec
{
    /// <summary>A parsed spec: <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c>.</summary>
    private sealed class Spec
    {
        public string Fill = " ";
        public bool FillGiven;
        public char Align;
        public char Sign;
        public bool Alternate;
        public bool NoNegativeZero;
        public int Width = -1;
        public char Thousands; // '\0', ',', '_' (every 3) or '4' (underscore every 4 in b/o/x/X)
        public int Precision = -1;
        public char Type;
    }

    /// <summary>Python <c>format(value, spec)</c> for an int, bool, float or str; other values only with an empty spec.</summary>
    public static string Format(object? value, string spec)
    {
        value = IPyWrapper.Unwrap(value);
        switch (value)
        {
            case bool b when spec.Length == 0:
                return b ? "True" : "False";
            case bool b:
                return FormatInt(b ? BigInteger.One : BigInteger.Zero, spec, "bool");
            case long or int or BigInteger:
                return spec.Length == 0 ? PyRepr.Repr(value) : FormatInt(PyInt.Big(value), spec, "int");
            case double d:
                return spec.Length == 0 ? PyRepr.Float(d) : FormatFloat(d, spec, "float");
            case string s:
                return spec.Length == 0 ? s : FormatStr(s, spec);
            default:
                if (spec.Length == 0)
                    return PyRepr.Str(value);
                throw PyErrors.TypeError($"unsupported format string passed to {PyOps.TypeName(value)}.__format__");
        }
    }

    private static bool IsAlign(char c) => c is '<' or '>' or '=' or '^';

    private static Spec Parse(string spec, char defaultType, char defaultAlign, string typeName)
    {
        var f = new Spec { Type = defaultType, Align = defaultAlign };
        var runes = spec.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var pos = 0;
        var end = runes.Length;
        var alignGiven = false;
        char At(int i) => runes[i].Length == 1 ? runes[i][0] : '\uffff';
        if (end - pos >= 2 && IsAlign(At(pos + 1)))
        {
            f.Align = At(pos + 1);
            f.Fill = runes[pos];
            f.FillGiven = alignGiven = true;
            pos += 2;
        }
        else if (end - pos >= 1 && IsAlign(At(pos)))
        {
            f.Align = At(pos);
            alignGiven = true;
            pos++;
        }
        if (end - pos >= 1 && At(pos) is '+' or '-' or ' ')
            f.Sign = At(pos++);
        if (end - pos >= 1 && At(pos) == 'z')
        {
            f.NoNegativeZero = true;
            pos++;
        }
        if (end - pos >= 1 && At(pos) == '#')
        {
            f.Alternate = true;
            pos++;
        }
        if (!f.FillGiven && end - pos >= 1 && At(pos) == '0')
        {
            f.Fill = "0";
            if (!alignGiven && defaultAlign == '>')
                f.Align = '=';
            pos++;
        }
        var start = pos;
        while (pos < end && At(pos) is >= '0' and <= '9')
            pos++;
        if (pos > start)
            f.Width = Number(runes, start, pos);
        if (end - pos >= 1 && At(pos) == ',')
        {
            f.Thousands = ',';
            pos++;
        }
        if (end - pos >= 1 && At(pos) == '_')
        {
            if (f.Thousands != '\0')
                throw new ValueError("Cannot specify both ',' and '_'.");
            f.Thousands = '_';
            pos++;
        }
        if (end - pos >= 1 && At(pos) == ',' && f.Thousands == '_')
            throw new ValueError("Cannot specify both ',' and '_'.");
        if (end - pos >= 1 && At(pos) == '.')
        {
            pos++;
            start = pos;
            while (pos < end && At(pos) is >= '0' and <= '9')
                pos++;
            if (pos == start)
                throw new ValueError("Format specifier missing precision");
            f.Precision = Number(runes, start, pos);
        }
        if (end - pos > 1)
            throw new ValueError($"Invalid format specifier '{spec}' for object of type '{typeName}'");
        if (end - pos == 1)
            f.Type = At(pos) == '\uffff' ? '\uffff' : At(pos);
        if (f.Thousands != '\0')
        {
            switch (f.Type)
            {
                case 'd' or 'e' or 'f' or 'g' or 'E' or 'G' or '%' or 'F' or '\0':
                    break;
                case 'b' or 'o' or 'x' or 'X' when f.Thousands == '_':
                    f.Thousands = '4';
                    break;
                default:
                    throw new ValueError($"Cannot specify '{f.Thousands}' with {TypeText(f.Type, end - pos == 1 ? runes[pos] : "")}.");
            }
        }
        return f;
    }

    private static string TypeText(char type, string raw) =>
        type is > (char)32 and < (char)128 ? $"'{type}'" : $"'\\x{char.ConvertToUtf32(raw, 0):x}'";

    private static int Number(string[] runes, int start, int end)
    {
        var text = string.Concat(runes[start..end]);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > int.MaxValue / 2)
            throw new ValueError("Too many decimal digits in format string");
        return n;
    }

    private static Exception Unknown(Spec f, string spec, string typeName)
    {
        var last = spec.EnumerateRunes().Last().ToString();
        return new ValueError($"Unknown format code {TypeText(f.Type, last)} for object of type '{typeName}'");
    }

    // ------------------------------------------------------------------------------------------------------------
    // str
    // ------------------------------------------------------------------------------------------------------------

    private static string FormatStr(string s, string spec)
    {
        var f = Parse(spec, 's', '<', "str");
        if (f.Type != 's')
            throw Unknown(f, spec, "str");
        if (f.Sign == ' ')
            throw new ValueError("Space not allowed in string format specifier");
        if (f.Sign != '\0')
            throw new ValueError("Sign not allowed in string format specifier");
        if (f.NoNegativeZero)
            throw new ValueError("Negative zero coercion (z) not allowed in string format specifier");
        if (f.Alternate)
            throw new ValueError("Alternate form (#) not allowed in string format specifier");
        if (f.Align == '=')
            throw new ValueError("'=' alignment not allowed in string format specifier");
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (f.Precision >= 0 && runes.Count > f.Precision)
            runes = runes.GetRange(0, f.Precision);
        var text = string.Concat(runes);
        var pad = Math.Max(0, f.Width - runes.Count);
        return Pad(text, pad, f.Align, f.Fill);
    }

    private static string Pad(string text, int pad, char align, string fill)
    {
        if (pad <= 0)
            return text;
        var (left, right) = align switch
        {
            '<' => (0, pad),
            '^' => (pad / 2, pad - pad / 2),
            _ => (pad, 0),
        };
        return Repeat(fill, left) + text + Repeat(fill, right);
    }

    private static string Repeat(string fill, int n) => n <= 0 ? "" : new StringBuilder(fill.Length * n).Insert(0, fill, n).ToString();

    // ------------------------------------------------------------------------------------------------------------
    // int
    // ------------------------------------------------------------------------------------------------------------

    private static string FormatInt(BigInteger n, string spec, string typeName)
    {
        var f = Parse(spec, 'd', '>', typeName);
        switch (f.Type)
        {
            case 'b' or 'c' or 'd' or 'o' or 'x' or 'X' or 'n':
                break;
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%':
                return FormatFloatSpec(PyInt.ToDouble(n), f);
            default:
                throw Unknown(f, spec, typeName);
        }
        if (f.Precision >= 0)
            throw new ValueError("Precision not allowed in integer format specifier");
        if (f.NoNegativeZero)
            throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
        var negative = n.Sign < 0;
        var magnitude = BigInteger.Abs(n);
        string digits, prefix = "", remainder = "";
        if (f.Type == 'c')
        {
            if (f.Sign != '\0')
                throw new ValueError("Sign not allowed with integer format specifier 'c'");
            if (f.Alternate)
                throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
            if (n < long.MinValue || n > long.MaxValue)
                throw PyErrors.Create("OverflowError", "Python int too large to convert to C long");
            if (n.Sign < 0 || n > 0x10ffff)
                throw PyErrors.Create("OverflowError", "%c arg not in range(0x110000)");
            digits = "";
            remainder = char.ConvertFromUtf32((int)n);
            negative = false;
        }
        else
        {
            var radix = f.Type switch { 'b' => 2, 'o' => 8, 'x' or 'X' => 16, _ => 10 };
            digits = radix == 10 ? PyInt.ToDecimal(magnitude) : ToRadix(magnitude, radix, f.Type == 'X');
            if (f.Alternate && radix != 10)
                prefix = "0" + f.Type;
        }
        return Number(negative, prefix, digits, "", remainder, f);
    }

    private static string ToRadix(BigInteger n, int radix, bool upper)
    {
        if (n.IsZero)
            return "0";
        var sb = new StringBuilder();
        var alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        while (!n.IsZero)
        {
            n = BigInteger.DivRem(n, radix, out var r);
            sb.Insert(0, alphabet[(int)r]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// CPython's calc_number_widths and fill_number: <c>[lpad][sign][prefix][spad][grouped digits][decimal][remainder][rpad]</c>;
    /// with '0' fill and '=' alignment the grouping itself grows to the width (zeros and separators).
    /// </summary>
    private static string Number(bool negative, string prefix, string digits, string decimalPoint, string remainder, Spec f)
    {
        var sign = f.Sign switch
        {
            '+' => negative ? "-" : "+",
            ' ' => negative ? "-" : " ",
            _ => negative ? "-" : "",
        };
        var nonDigit = sign.Length + prefix.Length + decimalPoint.Length + Length(remainder);
        var minWidth = f.Fill == "0" && f.Align == '=' ? f.Width - nonDigit : 0;
        var grouped = digits.Length == 0 ? "" : Group(digits, minWidth, f.Thousands);
        var padding = f.Width - (nonDigit + grouped.Length);
        string left = "", inner = "", right = "";
        if (padding > 0)
        {
            switch (f.Align)
            {
                case '<':
                    right = Repeat(f.Fill, padding);
                    break;
                case '^':
                    left = Repeat(f.Fill, padding / 2);
                    right = Repeat(f.Fill, padding - padding / 2);
                    break;
                case '=':
                    inner = Repeat(f.Fill, padding);
                    break;
                default:
                    left = Repeat(f.Fill, padding);
                    break;
            }
        }
        return left + sign + prefix + inner + grouped + decimalPoint + remainder + right;
    }

    private static int Length(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
            n++;
        return n;
    }

    /// <summary>_PyUnicode_InsertThousandsGrouping: groups of 3 (4 for '_' in b/o/x/X) from the right, zero-padded to <paramref name="minWidth"/>.</summary>
    private static string Group(string digits, int minWidth, char thousands)
    {
        var size = thousands == '4' ? 4 : 3;
        var separator = thousands switch { '\0' => "", '4' => "_", _ => thousands.ToString() };
        if (separator.Length == 0)
            return digits.Length >= minWidth ? digits : new string('0', minWidth - digits.Length) + digits;
        var parts = new System.Collections.Generic.List<string>();
        var remaining = digits.Length;
        var min = minWidth;
        var broken = false;
        while (true)
        {
            var l = Math.Min(size, Math.Max(Math.Max(remaining, min), 1));
            var zeros = Math.Max(0, l - remaining);
            var chars = Math.Max(0, Math.Min(remaining, l));
            parts.Add(new string('0', zeros) + digits.Substring(remaining - chars, chars));
            remaining -= chars;
            min -= l;
            if (remaining <= 0 && min <= 0)
            {
                broken = true;
                break;
            }
            min -= separator.Length;
        }
        if (!broken)
            throw new InvalidOperationException("unreachable");
        parts.Reverse();
        return string.Join(separator, parts);
    }

    // ------------------------------------------------------------------------------------------------------------
    // float
    // ------------------------------------------------------------------------------------------------------------

    private static string FormatFloat(double d, string spec, string typeName)
    {
        var f = Parse(spec, '\0', '>', typeName);
        if (f.Type is not ('\0' or 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 'n' or '%'))
            throw Unknown(f, spec, typeName);
        return FormatFloatSpec(d, f);
    }

    private static string FormatFloatSpec(double value, Spec f)
    {
        var type = f.Type;
        var addDot0 = false;
        var precision = f.Precision;
        var defaultPrecision = 6;
        if (type == '\0')
        {
            addDot0 = true;
            type = 'r';
            defaultPrecision = 0;
        }
        if (type == 'n')
            type = 'g';
        var percent = false;
        if (type == '%')
        {
            type = 'f';
            value *= 100;
            percent = true;
        }
        if (precision < 0)
            precision = defaultPrecision;
        else if (type == 'r')
            type = 'g';
        var upper = type is 'E' or 'F' or 'G';
        type = char.ToLowerInvariant(type);
        var negative = double.IsNegative(value) && !double.IsNaN(value);
        var body = FloatBody(Math.Abs(value), type, precision, f.Alternate, addDot0, upper);
        if (percent)
            body += "%";
        if (f.NoNegativeZero && negative && !double.IsInfinity(value) && !body.Split('e', 'E')[0].Any(c => c is >= '1' and <= '9'))
            negative = false;
        // parse_number: the leading digits, an optional '.', and the rest.
        var n = 0;
        while (n < body.Length && char.IsAsciiDigit(body[n]))
            n++;
        var hasDecimal = n < body.Length && body[n] == '.';
        return Number(negative, "", body[..n], hasDecimal ? "." : "", body[(n + (hasDecimal ? 1 : 0))..], f);
    }

    /// <summary>The unsigned text of a non-negative (or NaN) double in <paramref name="type"/> e, f, g or r.</summary>
    public static string FloatBody(double x, char type, int precision, bool alternate, bool addDot0, bool upper)
    {
        if (double.IsNaN(x))
            return upper ? "NAN" : "nan";
        if (double.IsInfinity(x))
            return upper ? "INF" : "inf";
        string text;
        switch (type)
        {
            case 'r':
                text = PyRepr.Float(x);
                if (alternate && !text.Contains('.'))
                {
                    var e = text.IndexOf('e');
                    text = e < 0 ? text + "." : text[..e] + "." + text[e..];
                }
                break;
            case 'f':
            {
                var scaled = RoundHalfEven(x, precision);
                var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
                text = precision == 0 ? digits + (alternate ? "." : "") : digits[..^precision] + "." + digits[^precision..];
                break;
            }
            case 'e':
            {
                var (digits, decpt) = Significant(x, precision + 1);
                text = Layout(digits.TrimEnd('0') is { Length: > 0 } t ? t : "0", decpt, precision + 1, useExp: true, alternate, addDot0: false);
                break;
            }
            default: // 'g'
            {
                if (precision == 0)
                    precision = 1;
                var (digits, decpt) = Significant(x, precision);
                digits = digits.TrimEnd('0') is { Length: > 0 } t ? t : "0";
                var useExp = decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision);
                text = Layout(digits, decpt, alternate ? precision : digits.Length, useExp, alternate, addDot0);
                break;
            }
        }
        return upper ? text.ToUpperInvariant() : text;
    }

    /// <summary>format_float_short's layout of dtoa digits (no trailing zeros) with decimal point position <paramref name="decpt"/>.</summary>
    private static string Layout(string digits, int decpt, int vdigitsEnd, bool useExp, bool alternate, bool addDot0)
    {
        var exp = 0;
        if (useExp)
        {
            exp = decpt - 1;
            decpt = 1;
        }
        var vdigitsStart = decpt <= 0 ? decpt - 1 : 0;
        vdigitsEnd = !useExp && addDot0 ? Math.Max(vdigitsEnd, decpt + 1) : Math.Max(vdigitsEnd, decpt);
        var sb = new StringBuilder();
        if (decpt <= 0)
        {
            sb.Append('0', decpt - vdigitsStart).Append('.').Append('0', -decpt);
        }
        if (decpt > 0 && decpt <= digits.Length)
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        else
            sb.Append(digits);
        if (digits.Length < decpt)
            sb.Append('0', decpt - digits.Length).Append('.').Append('0', Math.Max(0, vdigitsEnd - decpt));
        else
            sb.Append('0', Math.Max(0, vdigitsEnd - digits.Length));
        if (sb[^1] == '.' && !alternate)
            sb.Length--;
        if (useExp)
            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>The exact value of a finite non-negative double as <c>num / 2^shift</c>.</summary>
    private static (BigInteger Num, int Shift) Exact(double x)
    {
        var (mantissa, e) = Internal.DoubleBits.Decompose(x); // x = mantissa * 2^e
        return e >= 0 ? (new BigInteger(mantissa) << e, 0) : (new BigInteger(mantissa), -e);
    }

    /// <summary>round-half-even(x * 10^places) of the exact value of <paramref name="x"/>.</summary>
    public static BigInteger RoundHalfEven(double x, int places)
    {
        var (num, shift) = Exact(x);
        var scaled = num * BigInteger.Pow(10, places);
        return DivideHalfEven(scaled, BigInteger.One << shift);
    }

    private static BigInteger DivideHalfEven(BigInteger num, BigInteger den)
    {
        var q = BigInteger.DivRem(num, den, out var r);
        var twice = r * 2;
        var c = twice.CompareTo(den);
        if (c > 0 || (c == 0 && !q.IsEven))
            q += 1;
        return q;
    }

    /// <summary>
    /// The first <paramref name="n"/> significant decimal digits of the exact value of <paramref name="x"/>, correctly
    /// rounded half to even, and dtoa's decpt (value = 0.digits × 10^decpt); zero is ("0…", 1).
    /// </summary>
    public static (string Digits, int Decpt) Significant(double x, int n)
    {
        if (x == 0)
            return (new string('0', n), 1);
        var (num, shift) = Exact(x);
        var den = BigInteger.One << shift;
        // k = floor(log10(x)): estimate, then correct exactly.
        var k = (int)Math.Floor(Math.Log10(x));
        while (Compare(num, den, k) < 0)
            k--;
        while (Compare(num, den, k + 1) >= 0)
            k++;
        // digits = round(x * 10^(n-1-k))
        var p = n - 1 - k;
        var q = p >= 0 ? DivideHalfEven(num * BigInteger.Pow(10, p), den) : DivideHalfEven(num, den * BigInteger.Pow(10, -p));
        if (q == BigInteger.Pow(10, n))
        {
            q /= 10;
            k++;
        }
        return (q.ToString(CultureInfo.InvariantCulture), k + 1);
    }

    /// <summary>Compares num/den with 10^k.</summary>
    private static int Compare(BigInteger num, BigInteger den, int k) =>
        k >= 0 ? num.CompareTo(den * BigInteger.Pow(10, k)) : (num * BigInteger.Pow(10, -k)).CompareTo(den);
}
