namespace Multiprocessing.Python.Internal;

/// <summary>The exact binary value of a double, which float hashing and exact float formatting both start from.</summary>
internal static class DoubleBits
{
    /// <summary>A finite <paramref name="x"/> as <c>±mantissa · 2^exponent</c> (the sign is dropped: <c>|x|</c>).</summary>
    public static (long Mantissa, int Exponent) Decompose(double x)
    {
        var bits = System.BitConverter.DoubleToInt64Bits(x) & long.MaxValue;
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased == 0)
            biased = 1; // subnormal: no implicit leading bit
        else
            mantissa |= 1L << 52;
        return (mantissa, biased - 1075);
    }
}
