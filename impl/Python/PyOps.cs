using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace Multiprocessing.Python;

/// <summary>Python semantics of the scenario language's operators: equality, ordering, truth, arithmetic.</summary>
public static class PyOps
{
    /// <summary>Python's type name of a value (<c>type(x).__name__</c>).</summary>
    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        bool => "bool",
        long or int or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        List<object?> => "list",
        PyTuple => "tuple",
        PyDict => "dict",
        PySet => "set",
        PyIterator it => it.TypeName,
        PyDictView view => view.TypeName,
        PyType => "type",
        IPyObject o => o.PyTypeName,
        Exception e => PyErrors.Name(e),
        Multiprocessing.Process => "Process",
        _ => v.GetType().Name,
    };

    private static bool IsNumber(object? v) => v is bool or long or int or double or BigInteger;

    private static bool IsInteger(object? v) => v is bool or long or int or BigInteger;

    private static bool IsSmall(object? v) => v is bool or long or int;

    /// <summary>An int-like value (bool, int) as a long; an int beyond 64 bits is CPython's index-sized OverflowError.</summary>
    public static long AsLong(object? v) => v switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        BigInteger => throw PyErrors.Create("OverflowError", "cannot fit 'int' into an index-sized integer"),
        _ => throw PyErrors.TypeError($"'{TypeName(v)}' object cannot be interpreted as an integer"),
    };

    /// <summary>A number as a double (an int correctly rounded; OverflowError when too large).</summary>
    public static double AsDouble(object? v) => v switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        double d => d,
        BigInteger n => PyInt.ToDouble(n),
        _ => throw PyErrors.TypeError($"must be real number, not {TypeName(v)}"),
    };

    /// <summary>Python truth value.</summary>
    public static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        BigInteger n => !n.IsZero,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> l => l.Count > 0,
        PyTuple t => t.Items.Count > 0,
        PyDict d => d.Count > 0,
        PyDictView view => view.Items().Count > 0,
        PySet set => set.Count > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>Python <c>a == b</c>.</summary>
    public static bool Eq(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (a is null || b is null)
            return a is null && b is null;
        if (IsNumber(a) && IsNumber(b))
            return NumberCompare(a, b) == 0;
        switch (a)
        {
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case byte[] x:
                return b is byte[] y && x.AsSpan().SequenceEqual(y); // bytes compare by value (e.g. two authkeys)
            case List<object?> l:
                return b is List<object?> m && SequenceEq(l, m);
            case PyTuple t1:
                return b is PyTuple t2 && SequenceEq(t1.Items, t2.Items);
            case PyDict d1:
                if (b is not PyDict d2 || d1.Count != d2.Count)
                    return false;
                for (var i = 0; i < d1.Count; i++)
                {
                    if (!d2.TryGet(d1.Keys[i], out var v) || !Eq(d1.Values[i], v))
                        return false;
                }
                return true;
            case PyType ta:
                return ta.Equals(b);
            case PySet s1:
                return b is PySet s2 && s1.SetEquals(s2);
            case IPyObject o:
                return o.PyEquals(b);
            default:
                return ReferenceEquals(a, b);
        }
    }

    private static bool SequenceEq(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!ItemEq(a[i], b[i]))
                return false;
        }
        return true;
    }

    /// <summary>Containers compare items with <c>x is y or x == y</c> (PyObject_RichCompare's identity shortcut: a NaN equals itself there).</summary>
    public static bool ItemEq(object? a, object? b) => (a is not null && ReferenceEquals(a, b)) || Eq(a, b);

    /// <summary>Three-way comparison of two numbers, exact across int and float (CPython never rounds the int); null when a NaN is involved.</summary>
    private static int? NumberCompare(object? a, object? b)
    {
        if (IsSmall(a) && IsSmall(b))
            return AsLong(a).CompareTo(AsLong(b));
        if (IsInteger(a) && IsInteger(b))
            return PyInt.Big(a).CompareTo(PyInt.Big(b));
        if (a is double x && b is double y)
            return double.IsNaN(x) || double.IsNaN(y) ? null : x.CompareTo(y);
        if (a is double d)
            return -PyInt.CompareWithFloat(PyInt.Big(b), d);
        return PyInt.CompareWithFloat(PyInt.Big(a), (double)b!);
    }

    /// <summary>Python <c>a is b</c> (None, booleans and the same object).</summary>
    public static bool Is(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (a is null || b is null)
            return a is null && b is null;
        if (a is bool x && b is bool y)
            return x == y;
        if (ReferenceEquals(a, b))
            return true; // the same object (a variable read twice)
        // CPython caches the small ints (-5..256): 'is' is true for equal ones.
        if (a is long or int && b is long or int)
        {
            var (m, n) = (AsLong(a), AsLong(b));
            return m == n && m is >= -5 and <= 256;
        }
        // Each __class__ read makes a new view of the class: identity is the class's.
        if (a is PyType ta)
            return ta.Equals(b);
        return ReferenceEquals(a, b);
    }

    /// <summary>Python's rich comparison <c>a op b</c> for <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> (NaN compares false).</summary>
    public static bool Compare(object? a, object? b, string op)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return NumberCompare(a, b) is { } c && Holds(c, op);
        if (a is string s && b is string t)
            return Holds(CompareCodePoints(s, t), op);
        if (a is List<object?> l && b is List<object?> m)
            return CompareSequences(l, m, op);
        if (a is PyTuple t1 && b is PyTuple t2)
            return CompareSequences(t1.Items, t2.Items, op);
        throw PyErrors.TypeError($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    private static bool Holds(int c, string op) => op switch
    {
        "<" => c < 0,
        "<=" => c <= 0,
        ">" => c > 0,
        _ => c >= 0,
    };

    /// <summary>Python orders strings by code point; UTF-16 order differs past U+D7FF (an astral character sorts after U+FFFF).</summary>
    public static int CompareCodePoints(string s, string t)
    {
        var ordinal = string.CompareOrdinal(s, t);
        if (ordinal == 0 || (!s.Any(char.IsSurrogate) && !t.Any(char.IsSurrogate)))
            return Math.Sign(ordinal);
        using var x = s.EnumerateRunes().GetEnumerator();
        using var y = t.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var (more, other) = (x.MoveNext(), y.MoveNext());
            if (!more || !other)
                return more.CompareTo(other);
            if (x.Current != y.Current)
                return x.Current.Value.CompareTo(y.Current.Value);
        }
    }

    // Python's sequence comparison: the first items that differ (identity or ==) decide with the operator itself; all equal: the lengths.
    private static bool CompareSequences(IReadOnlyList<object?> a, IReadOnlyList<object?> b, string op)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (!ItemEq(a[i], b[i]))
                return Compare(a[i], b[i], op);
        }
        return Holds(a.Count.CompareTo(b.Count), op);
    }

    /// <summary>Python <c>a + b</c>.</summary>
    public static object? Add(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return IsInteger(a) && IsInteger(b) ? IntOp(a, b, (x, y) => (Int128)x + y, BigInteger.Add) : AsDouble(a) + AsDouble(b);
        if (a is string s)
            return b is string t ? s + t : throw PyErrors.TypeError($"can only concatenate str (not \"{TypeName(b)}\") to str");
        if (a is List<object?> l)
            return b is List<object?> m ? l.Concat(m).ToList() : throw PyErrors.TypeError($"can only concatenate list (not \"{TypeName(b)}\") to list");
        if (a is PyTuple t1)
            return b is PyTuple t2 ? new PyTuple(t1.Items.Concat(t2.Items).ToArray()) : throw PyErrors.TypeError($"can only concatenate tuple (not \"{TypeName(b)}\") to tuple");
        if (a is IPyOperand left && left.TryBinary("+", b, reflected: false, out var sum))
            return sum; // a list proxy: l + [3] is the server's list.__add__
        if (b is IPyOperand right && right.TryBinary("+", a, reflected: true, out var rsum))
            return rsum;
        throw Unsupported("+", a, b);
    }

    /// <summary>Python <c>a - b</c>.</summary>
    public static object? Sub(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return IsInteger(a) && IsInteger(b) ? IntOp(a, b, (x, y) => (Int128)x - y, BigInteger.Subtract) : AsDouble(a) - AsDouble(b);
        throw Unsupported("-", a, b);
    }

    /// <summary>Python <c>a * b</c>.</summary>
    public static object? Mul(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return IsInteger(a) && IsInteger(b) ? IntOp(a, b, (x, y) => (Int128)x * y, BigInteger.Multiply) : AsDouble(a) * AsDouble(b);
        if (a is IPyOperand lo && lo.TryBinary("*", b, reflected: false, out var product))
            return product; // a list proxy: l * 2 is the server's list.__mul__, 2 * l its __rmul__
        if (b is IPyOperand ro && ro.TryBinary("*", a, reflected: true, out var rproduct))
            return rproduct;
        var (left, right) = (a, b); // the error names the operands in the order written
        if (IsInteger(a) && !IsInteger(b))
            (a, b) = (b, a);
        if (a is string or List<object?> or PyTuple && !IsInteger(b))
            throw PyErrors.TypeError($"can't multiply sequence by non-int of type '{TypeName(b)}'");
        if (b is string or List<object?> or PyTuple && !IsInteger(a))
            throw PyErrors.TypeError($"can't multiply sequence by non-int of type '{TypeName(a)}'");
        if (IsInteger(b) && a is string or List<object?> or PyTuple)
        {
            var count = Math.Max(0, AsLong(b));
            var length = a switch { string str => str.Length, List<object?> list => list.Count, _ => ((PyTuple)a!).Items.Count };
            // CPython asks malloc for the whole result and raises MemoryError when it cannot have it; .NET cannot
            // even represent a string or list past Array.MaxLength, so that is where the model says no.
            // str's repeat first checks that the result's length fits a Py_ssize_t (CPython's OverflowError);
            // lists and tuples go straight to the allocation (MemoryError).
            if (a is string text && text.Length > 0 && count > long.MaxValue / text.EnumerateRunes().Count())
                throw PyErrors.Create("OverflowError", "repeated string is too long");
            if (length > 0 && count > Array.MaxLength / length)
                throw new PyException("MemoryError", "");
            var n = length == 0 ? 0 : (int)count;
            switch (a)
            {
                case string s:
                    return string.Concat(Enumerable.Repeat(s, n));
                case List<object?> l:
                    return Enumerable.Repeat(l, n).SelectMany(x => x).ToList();
                case PyTuple t:
                    return new PyTuple(Enumerable.Repeat(t.Items, n).SelectMany(x => x).ToArray());
            }
        }
        throw Unsupported("*", left, right);
    }

    /// <summary>Python <c>a / b</c> (true division).</summary>
    public static object? Div(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
        {
            if (IsInteger(a) && IsInteger(b))
                return PyInt.TrueDivide(PyInt.Big(a), PyInt.Big(b));
            var d = AsDouble(b);
            var n = AsDouble(a);
            if (d == 0)
                throw PyErrors.Create("ZeroDivisionError", "float division by zero");
            return n / d;
        }
        throw Unsupported("/", a, b);
    }

    /// <summary>Python <c>a // b</c>.</summary>
    public static object? FloorDiv(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsInteger(a) && IsInteger(b))
        {
            var (x, y) = (PyInt.Big(a), PyInt.Big(b));
            if (y.IsZero)
                throw PyErrors.Create("ZeroDivisionError", "integer division or modulo by zero");
            var q = BigInteger.DivRem(x, y, out var r);
            if (!r.IsZero && ((r.Sign < 0) != (y.Sign < 0)))
                q -= 1;
            return PyInt.Normalize(q);
        }
        if (IsNumber(a) && IsNumber(b))
        {
            var (x, y) = (AsDouble(a), AsDouble(b));
            return PyFloat.FloorDiv(x, y);
        }
        throw Unsupported("//", a, b);
    }

    /// <summary>Python <c>a % b</c> (the sign of the divisor).</summary>
    public static object? Mod(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (IsInteger(a) && IsInteger(b))
        {
            var (x, y) = (PyInt.Big(a), PyInt.Big(b));
            if (y.IsZero)
                throw PyErrors.Create("ZeroDivisionError", "integer modulo by zero");
            var r = BigInteger.Remainder(x, y);
            if (!r.IsZero && ((r.Sign < 0) != (y.Sign < 0)))
                r += y;
            return PyInt.Normalize(r);
        }
        if (IsNumber(a) && IsNumber(b))
        {
            var (x, y) = (AsDouble(a), AsDouble(b));
            return PyFloat.Mod(x, y);
        }
        if (a is string template)
            return PyPercentFormat.Apply(template, b);
        throw Unsupported("%", a, b);
    }

    /// <summary>An int operation: in 128 bits while both operands are longs (exact for +, -, *), else in BigInteger.</summary>
    private static object IntOp(object? a, object? b, Func<long, long, Int128> small, Func<BigInteger, BigInteger, BigInteger> big) =>
        IsSmall(a) && IsSmall(b) ? PyInt.Normalize(small(AsLong(a), AsLong(b))) : PyInt.Normalize(big(PyInt.Big(a), PyInt.Big(b)));

    private static Exception Unsupported(string op, object? a, object? b) =>
        PyErrors.TypeError($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");

    /// <summary>A list iterated by index, as Python's list iterator: items appended during the loop are visited.</summary>
    private static IEnumerable<object?> Live(List<object?> list)
    {
        for (var i = 0; i < list.Count; i++)
            yield return list[i];
    }

    /// <summary>
    /// Python <c>iter(v)</c> drawn to the end: the items of an iterable value (list, tuple, dict keys, str characters,
    /// set, iterator, a lazy <see cref="IPyIterable"/> given <paramref name="context"/>).
    /// </summary>
    public static IEnumerable<object?> Iterate(object? v, object? context = null)
    {
        v = IPyWrapper.Unwrap(v);
        return v switch
        {
            List<object?> l => Live(l),
            PyTuple t => t.Items,
            PyDict d => d.Live(i => d.Keys[i]),
            PyDictView view => view.Iterate(),
            string s => s.EnumerateRunes().Select(r => (object?)r.ToString()).ToList(),
            IPyIterable lazy => lazy.Iterate(context),
            PySet set => set.Items(),
            PyIterator it => it.Rest(),
            System.Collections.IEnumerable e when v is not string => e.Cast<object?>().ToList(),
            _ => throw PyErrors.TypeError($"'{TypeName(v)}' object is not iterable"),
        };
    }
}
