using System.Globalization;
using System;
using System.Numerics;

namespace Multiprocessing.Python;

/// <summary>
/// Python's unbounded ints: a value is a <c>long</c> while it fits and a <see cref="BigInteger"/> beyond (results are
/// promoted on overflow and demoted when they fit again), with CPython's correctly rounded conversions to float.
/// </summary>
public static class PyInt
{
    private static readonly BigInteger TwoTo53 = BigInteger.One << 53;

    /// <summary>True for the values that are Python ints (bool included).</summary>
    public static bool Is(object? v) => v is bool or long or int or BigInteger;

    /// <summary>An int-like value as a BigInteger.</summary>
    public static BigInteger Big(object? v) => v switch
    {
        bool b => b ? BigInteger.One : BigInteger.Zero,
        long l => l,
        int i => i,
        BigInteger n => n,
        _ => throw PyErrors.TypeError($"'{PyOps.TypeName(v)}' object cannot be interpreted as an integer"),
    };

    /// <summary>CPython's default <c>sys.get_int_max_str_digits()</c> (3.11+): longer decimal conversions raise ValueError.</summary>
    public const int MaxStrDigits = 4300;

    /// <summary>
    /// <c>str(n)</c>, refused past <see cref="MaxStrDigits"/> digits as CPython refuses it (a guard against quadratic
    /// conversions there): without it a scenario's huge int prints here and raises in CPython.
    /// </summary>
    public static string ToDecimal(BigInteger n)
    {
        // 14,300 bits hold more than 4,300 digits: refuse before converting, as CPython does for large sizes.
        if (n.GetBitLength() <= 14_300 && n.ToString(CultureInfo.InvariantCulture) is var text && text.Length - (n.Sign < 0 ? 1 : 0) <= MaxStrDigits)
            return text;
        throw new Multiprocessing.ValueError(
            $"Exceeds the limit ({MaxStrDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    }

    /// <summary>The canonical form: a long when it fits, else the BigInteger.</summary>
    public static object Normalize(BigInteger n) => n >= long.MinValue && n <= long.MaxValue ? (object)(long)n : n;

    /// <summary>The canonical form of a 128-bit intermediate.</summary>
    public static object Normalize(Int128 n) => n >= long.MinValue && n <= long.MaxValue ? (object)(long)n : (BigInteger)n;

    /// <summary>Python <c>float(n)</c>: round-half-even; OverflowError beyond the float range.</summary>
    public static double ToDouble(BigInteger n)
    {
        if (n >= long.MinValue && n <= long.MaxValue)
            return (long)n; // the hardware conversion rounds half to even
        var negative = n.Sign < 0;
        var magnitude = BigInteger.Abs(n);
        var shift = (int)magnitude.GetBitLength() - 64;
        var top = (ulong)(magnitude >> shift);
        if (!(magnitude & ((BigInteger.One << shift) - 1)).IsZero)
            top |= 1; // sticky bit: 11 spare bits below the 53 kept, so rounding sees it
        var d = Math.ScaleB((double)top, shift);
        if (double.IsInfinity(d))
            throw PyErrors.Create("OverflowError", "int too large to convert to float");
        return negative ? -d : d;
    }

    /// <summary>Python <c>a / b</c> for ints: the correctly rounded quotient (not float(a) / float(b)).</summary>
    public static double TrueDivide(BigInteger a, BigInteger b)
    {
        if (b.IsZero)
            throw PyErrors.Create("ZeroDivisionError", "division by zero");
        if (BigInteger.Abs(a) <= TwoTo53 && BigInteger.Abs(b) <= TwoTo53)
            return (double)a / (double)b; // both exact as floats: one IEEE division is correctly rounded
        var negative = (a.Sign < 0) != (b.Sign < 0);
        var n = BigInteger.Abs(a);
        var d = BigInteger.Abs(b);
        if (n.IsZero)
            return negative ? -0.0 : 0.0;
        // A quotient of at least 64 significant bits plus a sticky bit, then one correctly rounded conversion.
        var shift = (int)(n.GetBitLength() - d.GetBitLength()) - 66;
        if (shift < 0)
            n <<= -shift;
        else
            d <<= shift;
        var q = BigInteger.DivRem(n, d, out var r);
        if (!r.IsZero)
            q |= 1;
        var qBits = (int)q.GetBitLength();
        var drop = qBits - 64;
        var top = (ulong)(q >> drop);
        if (!(q & ((BigInteger.One << drop) - 1)).IsZero)
            top |= 1;
        var result = Math.ScaleB((double)top, shift + drop);
        if (double.IsInfinity(result))
            throw PyErrors.Create("OverflowError", "integer division result too large for a float");
        return negative ? -result : result;
    }

    /// <summary>The exact comparison of an int with a float (no rounding of the int), as CPython's float_richcompare; NaN is unordered (null).</summary>
    public static int? CompareWithFloat(BigInteger i, double d)
    {
        if (double.IsNaN(d))
            return null;
        if (double.IsInfinity(d))
            return d > 0 ? -1 : 1;
        var floor = Math.Floor(d);
        var whole = new BigInteger(floor);
        var c = i.CompareTo(whole);
        if (c != 0)
            return c;
        return d > floor ? -1 : 0;
    }
}
