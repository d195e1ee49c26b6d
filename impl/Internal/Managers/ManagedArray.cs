using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// CPython's <c>array.array(typecode, sequence)</c>, the referent of a manager's <c>Array(typecode, sequence)</c>: a
/// list of C numbers with array's range checks and exact error texts (OverflowError, TypeError, IndexError).
/// </summary>
internal sealed class ManagedArray : IPyObject
{
    private const string Codes = "bBhHiIlLqQfd";
    private readonly List<object> _items = new();

    public ManagedArray(object? typecode, object? sequence)
    {
        if (typecode is not string { Length: 1 } tc)
            throw PyErrors.TypeError($"array() argument 1 must be a unicode character, not {PyOps.TypeName(typecode)}");
        if (tc == "u")
            throw new NotImplementedException($"typecode 'u' of a manager's Array is not implemented in {Mp.Describe()}; use 'i' for code points");
        if (!Codes.Contains(tc[0])) throw new ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
        Typecode = tc[0];
        if (sequence is not null)
        {
            foreach (var x in PyOps.Iterate(sequence)) _items.Add(Convert(x));
        }
    }

    public char Typecode { get; }

    public int Count => _items.Count;

    public object? this[object? index]
    {
        get => _items[Index(index, "array index out of range")];
        set => _items[Index(index, "array assignment index out of range")] = Convert(value);
    }

    private int Index(object? index, string outOfRange)
    {
        if (index is not (long or int or bool or BigInteger)) throw PyErrors.TypeError("array indices must be integers");
        var big = index is BigInteger b ? b : PyOps.AsLong(index);
        if (big < 0) big += _items.Count;
        if (big < 0 || big >= _items.Count) throw new PyException("IndexError", outOfRange);
        return (int)big;
    }

    /// <summary>array's setitem: an int in the C type's range (OverflowError texts per typecode), or a float for 'f'/'d'.</summary>
    private object Convert(object? v)
    {
        if (Typecode is 'f' or 'd')
        {
            double d = v switch
            {
                double x => x,
                bool x => x ? 1 : 0,
                long x => x,
                int x => x,
                BigInteger x => PyInt.ToDouble(x),
                _ => throw PyErrors.TypeError($"must be real number, not {PyOps.TypeName(v)}"),
            };
            return Typecode == 'f' ? (double)(float)d : d;
        }
        BigInteger n = v switch
        {
            bool x => x ? 1 : 0,
            long x => x,
            int x => x,
            BigInteger x => x,
            _ => throw PyErrors.TypeError($"'{PyOps.TypeName(v)}' object cannot be interpreted as an integer"),
        };
        var (min, max, low, high) = Typecode switch
        {
            'b' => ((BigInteger)sbyte.MinValue, (BigInteger)sbyte.MaxValue, "signed char is less than minimum", "signed char is greater than maximum"),
            'B' => (0, byte.MaxValue, "unsigned byte integer is less than minimum", "unsigned byte integer is greater than maximum"),
            'h' => (short.MinValue, short.MaxValue, "signed short integer is less than minimum", "signed short integer is greater than maximum"),
            'H' => (0, ushort.MaxValue, "unsigned short is less than minimum", "unsigned short is greater than maximum"),
            'i' => (int.MinValue, int.MaxValue, "signed integer is less than minimum", "signed integer is greater than maximum"),
            'I' => (0, uint.MaxValue, "can't convert negative value to unsigned int", "unsigned int is greater than maximum"),
            'l' => (long.MinValue, long.MaxValue, "Python int too large to convert to C long", "Python int too large to convert to C long"),
            'L' => (0, ulong.MaxValue, "can't convert negative value to unsigned int", "Python int too large to convert to C unsigned long"),
            'q' => (long.MinValue, long.MaxValue, "int too big to convert", "int too big to convert"),
            _ => (0, ulong.MaxValue, "can't convert negative int to unsigned", "int too big to convert"),
        };
        if (n < min) throw PyErrors.Raise("OverflowError", [low]);
        if (n > max) throw PyErrors.Raise("OverflowError", [high]);
        return n >= long.MinValue && n <= long.MaxValue ? (long)n : n;
    }

    public List<object?> ToList() => _items.Cast<object?>().ToList();

    public string PyRepr() => _items.Count == 0 ? $"array('{Typecode}')" : $"array('{Typecode}', {Python.PyRepr.Repr(ToList())})";

    public string PyTypeName => "array";
}
