using System.Numerics;

namespace Multiprocessing.Python;

/// <summary>
/// CPython's <c>hash()</c> for the values whose hash does not depend on the process: ints and bools (modulo 2^61-1),
/// floats (_Py_HashDouble, the same as the int of an integral float), and tuples of those (xxHash-based tuplehash).
/// A str's hash is randomised per process (PYTHONHASHSEED) and None's is its address, so they have none here.
/// </summary>
public static class PyHash
{
    private const long Modulus = (1L << 61) - 1;
    private const ulong Prime1 = 11400714785074694791UL;
    private const ulong Prime2 = 14029467366897019727UL;
    private const ulong Prime5 = 2870177450012600261UL;

    /// <summary>CPython's hash of <paramref name="value"/>, or null when it differs between CPython processes.</summary>
    public static long? Of(object? value) => IPyWrapper.Unwrap(value) switch
    {
        bool b => b ? 1 : 0,
        long or int or BigInteger => Int(PyInt.Big(value)),
        double d => Float(d),
        PyTuple t => Tuple(t),
        _ => null,
    };

    /// <summary>hash(n) for an int.</summary>
    public static long Int(BigInteger n)
    {
        var h = (long)(BigInteger.Abs(n) % Modulus);
        if (n.Sign < 0)
            h = -h;
        return h == -1 ? -2 : h;
    }

    /// <summary>hash(x) for a float: the exact value m/2^k reduced modulo 2^61-1 (NaN: none, its hash is its address).</summary>
    public static long? Float(double d)
    {
        if (double.IsNaN(d))
            return null;
        if (double.IsInfinity(d))
            return d > 0 ? 314159 : -314159;
        if (d == 0)
            return 0;
        var (mantissa, e) = Internal.DoubleBits.Decompose(d); // |d| = mantissa * 2^e; 2^61 = 1 modulo 2^61-1, so 2^e = 2^(e mod 61)
        var shift = ((e % 61) + 61) % 61;
        var h = (long)((new BigInteger(mantissa) << shift) % Modulus);
        if (d < 0)
            h = -h;
        return h == -1 ? -2 : h;
    }

    private static long? Tuple(PyTuple t)
    {
        var acc = Prime5;
        foreach (var item in t.Items)
        {
            if (Of(item) is not { } lane)
                return null;
            acc += unchecked((ulong)lane * Prime2);
            acc = (acc << 31) | (acc >> 33);
            acc = unchecked(acc * Prime1);
        }
        acc += (ulong)t.Items.Count ^ (Prime5 ^ 3527539UL);
        return acc == ulong.MaxValue ? 1546275796 : unchecked((long)acc);
    }
}
