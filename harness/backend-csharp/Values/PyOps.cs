using System;
using System.Collections.Generic;
using System.Linq;

namespace Conformance.Backend.CSharp.Values;

/// <summary>Python semantics of the scenario language's operators: equality, ordering, truth, arithmetic.</summary>
public static class PyOps
{
    /// <summary>Python's type name of a value (<c>type(x).__name__</c>).</summary>
    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        bool => "bool",
        long or int => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        PyTuple => "tuple",
        PyDict => "dict",
        PyMap => "map",
        ScenarioObject o => o.ClassName,
        ScenarioProcess p => p.ClassName,
        Traced t => TypeName(t.Obj),
        UserFunction => "function",
        UserClass or PyType => "type",
        BoundMethod => "method",
        Exception e => PyErrors.Name(e),
        Multiprocessing.Process => "Process",
        _ => v.GetType().Name,
    };

    private static bool IsNumber(object? v) => v is bool or long or int or double;

    private static bool IsInteger(object? v) => v is bool or long or int;

    /// <summary>An int-like value (bool, int) as a long.</summary>
    public static long AsLong(object? v) => v switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        _ => throw PyErrors.TypeError($"'{TypeName(v)}' object cannot be interpreted as an integer"),
    };

    /// <summary>A number as a double.</summary>
    public static double AsDouble(object? v) => v switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        double d => d,
        _ => throw PyErrors.TypeError($"must be real number, not {TypeName(v)}"),
    };

    /// <summary>Python truth value.</summary>
    public static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> l => l.Count > 0,
        PyTuple t => t.Items.Count > 0,
        PyDict d => d.Count > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>Python <c>a == b</c>.</summary>
    public static bool Eq(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (a is null || b is null)
            return a is null && b is null;
        if (IsNumber(a) && IsNumber(b))
        {
            if (IsInteger(a) && IsInteger(b))
                return AsLong(a) == AsLong(b);
            return AsDouble(a) == AsDouble(b);
        }
        switch (a)
        {
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
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
            case UserFunction f:
                return b is UserFunction g && f.Name == g.Name;
            case UserClass c:
                return b is UserClass k && c.Name == k.Name;
            case PyType ta:
                return ta.Equals(b);
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
            if (!Eq(a[i], b[i]))
                return false;
        }
        return true;
    }

    /// <summary>Python <c>a is b</c> (None, booleans and the same object).</summary>
    public static bool Is(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (a is null || b is null)
            return a is null && b is null;
        if (a is bool x && b is bool y)
            return x == y;
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

    /// <summary>Python's three-way comparison for <c>&lt;</c> and friends; <paramref name="op"/> names the operator in errors.</summary>
    public static int Compare(object? a, object? b, string op)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
        {
            if (IsInteger(a) && IsInteger(b))
                return AsLong(a).CompareTo(AsLong(b));
            return AsDouble(a).CompareTo(AsDouble(b));
        }
        if (a is string s && b is string t)
            return string.CompareOrdinal(s, t);
        if (a is List<object?> l && b is List<object?> m)
            return CompareSequences(l, m, op);
        if (a is PyTuple t1 && b is PyTuple t2)
            return CompareSequences(t1.Items, t2.Items, op);
        throw PyErrors.TypeError($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    private static int CompareSequences(IReadOnlyList<object?> a, IReadOnlyList<object?> b, string op)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (!Eq(a[i], b[i]))
                return Compare(a[i], b[i], op);
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Python <c>a + b</c>.</summary>
    public static object? Add(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return IsInteger(a) && IsInteger(b) ? (object)checked(AsLong(a) + AsLong(b)) : AsDouble(a) + AsDouble(b);
        if (a is string s)
            return b is string t ? s + t : throw PyErrors.TypeError($"can only concatenate str (not \"{TypeName(b)}\") to str");
        if (a is List<object?> l)
            return b is List<object?> m ? l.Concat(m).ToList() : throw PyErrors.TypeError($"can only concatenate list (not \"{TypeName(b)}\") to list");
        if (a is PyTuple t1)
            return b is PyTuple t2 ? new PyTuple(t1.Items.Concat(t2.Items).ToArray()) : throw PyErrors.TypeError($"can only concatenate tuple (not \"{TypeName(b)}\") to tuple");
        throw Unsupported("+", a, b);
    }

    /// <summary>Python <c>a - b</c>.</summary>
    public static object? Sub(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return IsInteger(a) && IsInteger(b) ? (object)checked(AsLong(a) - AsLong(b)) : AsDouble(a) - AsDouble(b);
        throw Unsupported("-", a, b);
    }

    /// <summary>Python <c>a * b</c>.</summary>
    public static object? Mul(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
            return IsInteger(a) && IsInteger(b) ? (object)checked(AsLong(a) * AsLong(b)) : AsDouble(a) * AsDouble(b);
        if (IsInteger(a) && !IsInteger(b))
            (a, b) = (b, a);
        if (IsInteger(b))
        {
            var n = (int)Math.Max(0, AsLong(b));
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
        throw Unsupported("*", a, b);
    }

    /// <summary>Python <c>a / b</c> (true division).</summary>
    public static object? Div(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsNumber(a) && IsNumber(b))
        {
            var d = AsDouble(b);
            if (d == 0)
                throw PyErrors.Create("ZeroDivisionError", IsInteger(a) && IsInteger(b) ? "division by zero" : "float division by zero");
            return AsDouble(a) / d;
        }
        throw Unsupported("/", a, b);
    }

    /// <summary>Python <c>a // b</c>.</summary>
    public static object? FloorDiv(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsInteger(a) && IsInteger(b))
        {
            var (x, y) = (AsLong(a), AsLong(b));
            if (y == 0)
                throw PyErrors.Create("ZeroDivisionError", "integer division or modulo by zero");
            var q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0)))
                q--;
            return q;
        }
        if (IsNumber(a) && IsNumber(b))
        {
            if (AsDouble(b) == 0)
                throw PyErrors.Create("ZeroDivisionError", "float floor division by zero");
            return Math.Floor(AsDouble(a) / AsDouble(b));
        }
        throw Unsupported("//", a, b);
    }

    /// <summary>Python <c>a % b</c> (the sign of the divisor).</summary>
    public static object? Mod(object? a, object? b)
    {
        a = Traced.Unwrap(a);
        b = Traced.Unwrap(b);
        if (IsInteger(a) && IsInteger(b))
        {
            var (x, y) = (AsLong(a), AsLong(b));
            if (y == 0)
                throw PyErrors.Create("ZeroDivisionError", "integer division or modulo by zero");
            var r = x % y;
            if (r != 0 && ((r < 0) != (y < 0)))
                r += y;
            return r;
        }
        if (IsNumber(a) && IsNumber(b))
        {
            var (x, y) = (AsDouble(a), AsDouble(b));
            if (y == 0)
                throw PyErrors.Create("ZeroDivisionError", "float modulo");
            var r = x % y;
            if (r != 0 && ((r < 0) != (y < 0)))
                r += y;
            return r;
        }
        throw Unsupported("%", a, b);
    }

    private static Exception Unsupported(string op, object? a, object? b) =>
        PyErrors.TypeError($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");

    /// <summary>A list iterated by index, as Python's list iterator: items appended during the loop are visited.</summary>
    private static IEnumerable<object?> Live(List<object?> list)
    {
        for (var i = 0; i < list.Count; i++)
            yield return list[i];
    }

    /// <summary>The items of an iterable value (list, tuple, dict keys, str characters, range, map).</summary>
    public static IEnumerable<object?> Iterate(object? v, Interpreter? interpreter = null)
    {
        v = Traced.Unwrap(v);
        return v switch
        {
            List<object?> l => Live(l),
            PyTuple t => t.Items,
            PyDict d => d.Keys.ToList(),
            string s => s.EnumerateRunes().Select(r => (object?)r.ToString()).ToList(),
            PyMap m => m.Iterate(interpreter ?? Interpreter.Current),
            System.Collections.IEnumerable e when v is not string => e.Cast<object?>().ToList(),
            _ => throw PyErrors.TypeError($"'{TypeName(v)}' object is not iterable"),
        };
    }
}
