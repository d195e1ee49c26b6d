using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace Multiprocessing.Python;

/// <summary>Python semantics of <c>in</c>, <c>**</c>, unary <c>-</c> and <c>+</c>, with CPython 3.11's error texts.</summary>
public static class PyExpr
{
    /// <summary>
    /// The largest int power computed, in bits of the result (512 MiB): CPython would go on until the run's memory
    /// limit stops it; past this, .NET's multiplications would keep a core busy for minutes first, so the model
    /// raises MemoryError instead (a difference only a run that CPython cannot finish either could see).
    /// </summary>
    public const long MaxPowerBits = 1L << 32;

    /// <summary>Python <c>item in container</c>.</summary>
    public static bool Contains(object? container, object? item)
    {
        container = IPyWrapper.Unwrap(container);
        item = IPyWrapper.Unwrap(item);
        switch (container)
        {
            case string s:
                return item is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw PyErrors.TypeError($"'in <string>' requires string as left operand, not {PyOps.TypeName(item)}");
            case List<object?> l:
                for (var i = 0; i < l.Count; i++)
                {
                    if (PyOps.ItemEq(l[i], item))
                        return true;
                }
                return false;
            case PyTuple t:
                return t.Items.Any(x => PyOps.ItemEq(x, item));
            case PyDict d:
                return d.ContainsKey(item);
            case BaseProxy p when p.Exposed.Contains("__contains__"):
                return PyOps.Truthy(p.CallMethod("__contains__", [item])); // a manager's dict or list: asked of the server
            case PyDictView view:
                switch (view.TypeName)
                {
                    case "dict_keys":
                        PyDict.CheckHashable(item);
                        return view.Items().Any(x => PyOps.ItemEq(x, item));
                    case "dict_items":
                        // dictitems_contains: only a pair can be an item; its key is looked up (so hashed), its value compared.
                        if (item is not PyTuple { Items.Count: 2 } pair)
                            return false;
                        PyDict.CheckHashable(pair.Items[0]);
                        return view.Items().Any(x => PyOps.ItemEq(x, item));
                    default:
                        return view.Items().Any(x => PyOps.ItemEq(x, item));
                }
            case PySet set:
                PyDict.CheckHashable(item);
                return set.Contains(item);
            case PyIterator or IPyIterable:
                foreach (var x in PyOps.Iterate(container)) // consumed up to the first equal item, as CPython's
                {
                    if (PyOps.ItemEq(x, item))
                        return true;
                }
                return false;
            default:
                throw PyErrors.TypeError($"argument of type '{PyOps.TypeName(container)}' is not iterable");
        }
    }

    /// <summary>Python <c>a ** b</c>: exact for ints with a non-negative exponent, float_pow otherwise.</summary>
    public static object? Pow(object? a, object? b)
    {
        a = IPyWrapper.Unwrap(a);
        b = IPyWrapper.Unwrap(b);
        if (PyInt.Is(a) && PyInt.Is(b))
        {
            var exponent = PyInt.Big(b);
            if (exponent.Sign < 0)
                return FloatPow(PyOps.AsDouble(a), PyOps.AsDouble(b), a, b); // long_pow hands a negative exponent to float_pow
            return PyInt.Normalize(IntPow(PyInt.Big(a), exponent));
        }
        if (IsNumber(a) && IsNumber(b))
            return FloatPow(PyOps.AsDouble(a), PyOps.AsDouble(b), a, b);
        throw PyErrors.TypeError($"unsupported operand type(s) for ** or pow(): '{PyOps.TypeName(a)}' and '{PyOps.TypeName(b)}'");
    }

    private static bool IsNumber(object? v) => PyInt.Is(v) || v is double;

    /// <summary><c>x ** e</c> for ints, <c>e &gt;= 0</c>.</summary>
    public static BigInteger IntPow(BigInteger x, BigInteger e)
    {
        if (e.IsZero || x.IsOne)
            return BigInteger.One;
        if (x.IsZero)
            return BigInteger.Zero;
        if (x == BigInteger.MinusOne)
            return e.IsEven ? BigInteger.One : BigInteger.MinusOne;
        // The result has about e * log2|x| bits.
        var bits = (double)e * BigInteger.Log(BigInteger.Abs(x), 2);
        if (bits > MaxPowerBits)
            throw new PyException("MemoryError", "");
        return BigInteger.Pow(x, (int)e);
    }

    /// <summary>CPython's float_pow, case by case (the special values first, then C's pow and its range check).</summary>
    public static double FloatPow(double iv, double iw, object? left = null, object? right = null)
    {
        if (iw == 0)
            return 1.0;
        if (double.IsNaN(iv))
            return iv;
        if (double.IsNaN(iw))
            return iv == 1.0 ? 1.0 : iw;
        if (double.IsInfinity(iw))
        {
            iv = Math.Abs(iv);
            if (iv == 1.0)
                return 1.0;
            return (iw > 0.0) == (iv > 1.0) ? Math.Abs(iw) : 0.0;
        }
        if (double.IsInfinity(iv))
        {
            var odd = IsOddInteger(iw);
            if (iw > 0.0)
                return odd ? iv : Math.Abs(iv);
            return odd ? Math.CopySign(0.0, iv) : 0.0;
        }
        if (iv == 0.0)
        {
            var odd = IsOddInteger(iw);
            if (iw < 0.0)
                throw PyErrors.Create("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            return odd ? iv : 0.0;
        }
        var negate = false;
        if (iv < 0.0)
        {
            if (iw != Math.Floor(iw))
                throw new ScenarioViolation($"{PyRepr.Repr(left ?? iv)} ** {PyRepr.Repr(right ?? iw)} is a complex number, which");
            iv = -iv;
            negate = IsOddInteger(iw);
        }
        if (iv == 1.0)
            return negate ? -1.0 : 1.0;
        var ix = Math.Pow(iv, iw);
        if (double.IsInfinity(ix))
            throw PyErrors.Raise("OverflowError", [34L, "Numerical result out of range"]); // errno ERANGE and its text, as CPython's args
        return negate ? -ix : ix;
    }

    private static bool IsOddInteger(double x) => Math.Abs(x) % 2.0 == 1.0;

    /// <summary>Python <c>-a</c>.</summary>
    public static object? Negate(object? a) => IPyWrapper.Unwrap(a) switch
    {
        bool b => b ? -1L : 0L,
        long l => l == long.MinValue ? -(BigInteger)l : -l,
        int i => -(long)i,
        BigInteger n => PyInt.Normalize(-n),
        double d => -d,
        var other => throw PyErrors.TypeError($"bad operand type for unary -: '{PyOps.TypeName(other)}'"),
    };

    /// <summary>Python <c>+a</c>.</summary>
    public static object? Plus(object? a) => IPyWrapper.Unwrap(a) switch
    {
        bool b => b ? 1L : 0L,
        long l => l,
        int i => (long)i,
        BigInteger n => n,
        double d => d,
        var other => throw PyErrors.TypeError($"bad operand type for unary +: '{PyOps.TypeName(other)}'"),
    };
}
