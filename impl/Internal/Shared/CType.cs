using System;
using System.Numerics;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Shared;

/// <summary>What a ctypes simple type stores: a signed or unsigned C integer, a C float or double, or a C char.</summary>
internal enum CKind
{
    Signed,
    Unsigned,
    Float,
    Double,
    Char,
}

/// <summary>
/// One of sharedctypes' <c>typecode_to_type</c> entries: the ctypes type a typecode names, with C's size on LP64
/// Linux and ctypes' conversions (integers wrap around silently, as ctypes never checks for overflow).
/// </summary>
internal sealed unsafe class CType
{
    private CType(char code, string name, int size, CKind kind)
    {
        Code = code;
        Name = name;
        Size = size;
        Kind = kind;
    }

    public char Code { get; }

    /// <summary>The ctypes name as <c>repr</c> shows it: on LP64 <c>c_longlong</c> is <c>c_long</c>, so 'q' shows c_long.</summary>
    public string Name { get; }

    public int Size { get; }

    public CKind Kind { get; }

    private static readonly CType[] Table =
    [
        new('c', "c_char", 1, CKind.Char),
        new('b', "c_byte", 1, CKind.Signed), new('B', "c_ubyte", 1, CKind.Unsigned),
        new('h', "c_short", 2, CKind.Signed), new('H', "c_ushort", 2, CKind.Unsigned),
        new('i', "c_int", 4, CKind.Signed), new('I', "c_uint", 4, CKind.Unsigned),
        new('l', "c_long", 8, CKind.Signed), new('L', "c_ulong", 8, CKind.Unsigned),
        new('q', "c_long", 8, CKind.Signed), new('Q', "c_ulong", 8, CKind.Unsigned),
        new('f', "c_float", 4, CKind.Float), new('d', "c_double", 8, CKind.Double),
    ];

    /// <summary>The type for <paramref name="typecode"/>; CPython's <c>TypeError('this type has no size')</c> for an unknown one.</summary>
    public static CType Of(string typecode)
    {
        if (typecode.Length == 1)
        {
            foreach (var t in Table)
            {
                if (t.Code == typecode[0]) return t;
            }
            if (typecode == "u")
                throw new NotImplementedException($"typecode 'u' (c_wchar) is not implemented in {Mp.Describe()}; use 'i' for code points");
        }
        // sharedctypes looks the typecode up and, not finding it, takes ctypes.sizeof of the string itself.
        throw PyErrors.TypeError("this type has no size");
    }

    /// <summary>The Python value at <paramref name="p"/>: an int, a float, or a one-byte bytes (byte[]) for 'c'.</summary>
    public object Read(byte* p) => (Kind, Size) switch
    {
        (CKind.Char, _) => new[] { *p },
        (CKind.Signed, 1) => (long)*(sbyte*)p,
        (CKind.Signed, 2) => (long)*(short*)p,
        (CKind.Signed, 4) => (long)*(int*)p,
        (CKind.Signed, _) => *(long*)p,
        (CKind.Unsigned, 1) => (long)*p,
        (CKind.Unsigned, 2) => (long)*(ushort*)p,
        (CKind.Unsigned, 4) => (long)*(uint*)p,
        (CKind.Unsigned, _) => *(ulong*)p is var u && u > long.MaxValue ? new BigInteger(u) : (long)*(ulong*)p,
        (CKind.Float, _) => (double)*(float*)p,
        _ => *(double*)p,
    };

    /// <summary>Stores <paramref name="value"/> at <paramref name="p"/> with ctypes' conversion and its TypeError texts.</summary>
    public void Write(byte* p, object? value)
    {
        switch (Kind)
        {
            case CKind.Char:
                *p = value switch
                {
                    byte[] { Length: 1 } b => b[0],
                    long n and >= 0 and <= 255 => (byte)n,
                    int n and >= 0 and <= 255 => (byte)n,
                    _ => throw PyErrors.TypeError("one character bytes, bytearray or integer expected"),
                };
                return;
            case CKind.Float:
                *(float*)p = (float)Real(value);
                return;
            case CKind.Double:
                *(double*)p = Real(value);
                return;
        }
        var bits = Integer(value);
        switch (Size)
        {
            case 1: *p = (byte)bits; break;
            case 2: *(ushort*)p = (ushort)bits; break;
            case 4: *(uint*)p = (uint)bits; break;
            default: *(ulong*)p = bits; break;
        }
    }

    /// <summary>The value's low 64 bits (two's complement), as ctypes stores an int into a C integer: no overflow check.</summary>
    private static ulong Integer(object? value) => value switch
    {
        bool b => b ? 1UL : 0UL,
        long n => unchecked((ulong)n),
        int n => unchecked((ulong)n),
        short n => unchecked((ulong)n),
        sbyte n => unchecked((ulong)n),
        byte n => n,
        ushort n => n,
        uint n => n,
        ulong n => n,
        BigInteger n => (ulong)(n & ulong.MaxValue),
        _ => throw PyErrors.TypeError($"'{PyOps.TypeName(value)}' object cannot be interpreted as an integer"),
    };

    private static double Real(object? value) => value switch
    {
        double d => d,
        float f => f,
        bool b => b ? 1 : 0,
        long n => n,
        int n => n,
        BigInteger n => PyInt.ToDouble(n),
        _ => throw PyErrors.TypeError($"must be real number, not {PyOps.TypeName(value)}"),
    };
}
