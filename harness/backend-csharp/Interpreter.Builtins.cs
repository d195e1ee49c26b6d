using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using Conformance.Backend.CSharp.Internal;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The general built-in functions (type, isinstance, getattr, iter, next, set, zip, min, int, round, ...), the
/// <c>{type: T}</c> and <c>{builtin: f}</c> operators, with CPython 3.11's semantics and error texts.
/// </summary>
public sealed partial class Interpreter
{
    /// <summary>The built-in type names <c>{type: T}</c> accepts besides exception types and user classes (language.json's <c>types</c>).</summary>
    public static readonly IReadOnlySet<string> TypeNames = LanguageFile.Names("types", "names");

    /// <summary>The methods a str may be called with (language.json's <c>str_methods</c>).</summary>
    public static readonly IReadOnlySet<string> StrMethods = LanguageFile.Names("str_methods", "methods");

    /// <summary>The built-ins <c>{builtin: f}</c> may pass as values (language.json's <c>value: true</c>).</summary>
    public static readonly IReadOnlySet<string> ValueBuiltins = LanguageFile.ValueBuiltins();

    /// <summary>The built-ins that are classes in CPython (their repr is <c>&lt;class 'int'&gt;</c>, their type is type).</summary>
    private static readonly HashSet<string> ClassBuiltins = new(StringComparer.Ordinal)
    {
        "str", "list", "type", "set", "bool", "int", "float", "tuple", "dict", "range", "map", "zip", "enumerate", "reversed",
    };

    /// <summary>True when the built-in <paramref name="name"/> is a class in CPython.</summary>
    public static bool IsClassBuiltin(string name) => ClassBuiltins.Contains(name);

    /// <summary><c>{type: T}</c>: the view of a user class, an exception type or a built-in type.</summary>
    private PyType TypeView(string name)
    {
        if (_classes.ContainsKey(name))
            return new PyType(name, "__main__");
        if (LanguageExceptions.Known.Contains(name))
            return PyType.Of(PyErrors.Create(name, "x"));
        if (TypeNames.Contains(name))
            return new PyType(name, "builtins");
        throw new ScenarioViolation("type", name);
    }

    private static object? BuiltinValue(string name) =>
        ValueBuiltins.Contains(name) ? new BuiltinFunction(name) : throw new ScenarioViolation("built-in value", name);

    private object? Key(object? key, object? item) => key is null ? item : CallValue(key, [item], NoKwargs);

    private object? CallGeneralBuiltin(string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (name)
        {
            case "type":
                return PyType.Of(Traced.Unwrap(Bind(name, ["object"], NoDefaults, args, kwargs)[0]));
            case "isinstance":
            {
                var a = Bind(name, ["obj", "class_or_tuple"], NoDefaults, args, kwargs);
                return IsInstance(Traced.Unwrap(a[0]), a[1]);
            }
            case "getattr" or "hasattr":
            {
                if (args.Count < 2 || args.Count > (name == "getattr" ? 3 : 2))
                    throw PyErrors.TypeError(name == "getattr" ? $"getattr expected at least 2 arguments, got {args.Count}" : $"hasattr expected 2 arguments, got {args.Count}");
                var attr = args[1] as string ?? throw new ScenarioViolation("attribute", PyRepr.Repr(args[1]));
                Policy.CheckAttribute(attr);
                try
                {
                    var value = GetAttr(args[0], attr);
                    return name == "getattr" ? value : true;
                }
                catch (Exception e) when (PyErrors.Name(e) == "AttributeError" && (name == "hasattr" || args.Count == 3))
                {
                    return name == "getattr" ? args[2] : false;
                }
            }
            case "iter":
                return Iter(Bind(name, ["object"], NoDefaults, args, kwargs)[0]);
            case "next":
            {
                if (args.Count is < 1 or > 2)
                    throw PyErrors.TypeError($"next expected {(args.Count < 1 ? "at least 1" : "at most 2")} argument{(args.Count < 1 ? "" : "s")}, got {args.Count}");
                var it = Traced.Unwrap(args[0])!;
                if (it is not (PyIterator or PyGenerator or PyMap))
                    throw PyErrors.TypeError($"'{PyOps.TypeName(args[0])}' object is not an iterator");
                if (TryNext(it, out var item))
                    return item;
                return args.Count == 2 ? args[1] : throw new PyException("StopIteration", "");
            }
            case "set":
            {
                var source = Bind(name, ["iterable"], [new PyTuple(Array.Empty<object?>())], args, kwargs)[0];
                return PySet.From(source, PyOps.Iterate(source, this));
            }
            case "zip":
            {
                if (kwargs.Count > 0)
                    throw PyErrors.TypeError($"zip() got an unexpected keyword argument '{kwargs.Keys.First()}'");
                var iterators = args.Select(Iter).ToList();
                return new PyIterator("zip", Zip(iterators));
            }
            case "enumerate":
            {
                var a = Bind(name, ["iterable", "start"], [0L], args, kwargs);
                var it = Iter(a[0]);
                if (!PyInt.Is(a[1]))
                    throw PyErrors.TypeError($"'{PyOps.TypeName(a[1])}' object cannot be interpreted as an integer");
                return new PyIterator("enumerate", Enumerate(it, a[1]));
            }
            case "min" or "max":
                return MinMax(name, args, kwargs);
            case "sum":
            {
                var a = Bind(name, ["iterable", "start"], [0L], args, kwargs);
                if (Traced.Unwrap(a[1]) is string)
                    throw PyErrors.TypeError("sum() can't sum strings [use ''.join(seq) instead]");
                var total = a[1];
                foreach (var item in PyOps.Iterate(a[0], this))
                    total = PyOps.Add(total, item);
                return total;
            }
            case "abs":
                return Traced.Unwrap(Bind(name, ["x"], NoDefaults, args, kwargs)[0]) switch
                {
                    double d => Math.Abs(d),
                    var n and (bool or long or int or BigInteger) => PyInt.Normalize(BigInteger.Abs(PyInt.Big(n))),
                    var other => throw PyErrors.TypeError($"bad operand type for abs(): '{PyOps.TypeName(other)}'"),
                };
            case "any":
                return PyOps.Iterate(Bind(name, ["iterable"], NoDefaults, args, kwargs)[0], this).Any(PyOps.Truthy);
            case "all":
                return PyOps.Iterate(Bind(name, ["iterable"], NoDefaults, args, kwargs)[0], this).All(PyOps.Truthy);
            case "bool":
                return PyOps.Truthy(Bind(name, ["x"], [false], args, kwargs)[0]);
            case "int":
                return Int(args, kwargs);
            case "float":
                return Float(Bind(name, ["x"], [0.0], args, kwargs)[0]);
            case "tuple":
                return new PyTuple(PyOps.Iterate(Bind(name, ["iterable"], [new PyTuple(Array.Empty<object?>())], args, kwargs)[0], this).ToArray());
            case "dict":
                return Dict(args, kwargs);
            case "reversed":
                return Reversed(Bind(name, ["sequence"], NoDefaults, args, kwargs)[0]);
            case "round":
            {
                var a = Bind(name, ["number", "ndigits"], [null], args, kwargs);
                return Round(Traced.Unwrap(a[0]), Traced.Unwrap(a[1]));
            }
            default:
                throw new PyException("NameError", $"name '{name}' is not defined");
        }
    }

    /// <summary>Python <c>isinstance(x, t)</c> with <paramref name="t"/> a type view, a user class or a tuple of them.</summary>
    public static bool IsInstance(object? x, object? t)
    {
        switch (Traced.Unwrap(t))
        {
            case PyTuple tuple:
                return tuple.Items.Any(u => IsInstance(x, u));
            case UserClass c:
                return IsInstanceOf(x, new PyType(c.Name, "__main__"));
            case PyType type:
                return IsInstanceOf(x, type);
            default:
                throw PyErrors.TypeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
        }
    }

    private static bool IsInstanceOf(object? x, PyType t)
    {
        if (t is { Name: "object", Module: "builtins" })
            return true;
        if (t.Module == "__main__" && x is Exception ue)
            return PyErrors.Matches(ue, t.Name); // a user exception class: its instances and its subclasses' (by name)
        if (t.Module == "__main__")
            return x is ScenarioObject o && o.ClassName == t.Name || x is ScenarioProcess p && p.ClassName == t.Name;
        if (x is Exception e) // by Python's hierarchy: a KeyError is a LookupError and an Exception
            return PyErrors.Matches(e, t is { Name: "TimeoutError", Module: "multiprocessing.context" }
                ? "multiprocessing.TimeoutError" // the one class whose name is also a builtin's: match it by its language name
                : t.Name);
        if (t.Module != "builtins")
            return false;
        return t.Name switch
        {
            "int" => x is bool or long or int or BigInteger,
            "type" => x is PyType or UserClass || x is BuiltinFunction b && IsClassBuiltin(b.Name),
            _ => PyOps.TypeName(x) == t.Name && x is not Exception,
        };
    }

    /// <summary>Python <c>iter(x)</c>.</summary>
    public object Iter(object? x)
    {
        var v = Traced.Unwrap(x);
        return v switch
        {
            PyIterator or PyGenerator or PyMap => v, // an iterator is its own: iter(g) is g
            List<object?> l => new PyIterator("list_iterator", PyOps.Iterate(l, this)),
            PyTuple t => new PyIterator("tuple_iterator", t.Items),
            string s => new PyIterator(s.All(char.IsAscii) ? "str_ascii_iterator" : "str_iterator", PyOps.Iterate(s, this)),
            PyDict d => new PyIterator("dict_keyiterator", PyOps.Iterate(d, this)),
            PyDictView view => new PyIterator(view.TypeName switch { "dict_keys" => "dict_keyiterator", "dict_values" => "dict_valueiterator", _ => "dict_itemiterator" }, view.Iterate()),
            PySet set => new PyIterator("set_iterator", set.Items()),
            _ => throw PyErrors.TypeError($"'{PyOps.TypeName(v)}' object is not iterable"),
        };
    }

    /// <summary>Python <c>next(it)</c> of an iterator <see cref="Iter"/> gave: false once it is exhausted.</summary>
    internal bool TryNext(object iterator, out object? item) => iterator switch
    {
        PyIterator it => it.TryNext(out item),
        PyGenerator g => Resume(g, out item),
        PyMap m => m.TryNext(this, out item),
        _ => throw PyErrors.TypeError($"'{PyOps.TypeName(iterator)}' object is not an iterator"),
    };

    private IEnumerable<object?> Zip(List<object> iterators)
    {
        if (iterators.Count == 0)
            yield break;
        while (true)
        {
            var items = new object?[iterators.Count];
            for (var i = 0; i < iterators.Count; i++)
            {
                if (!TryNext(iterators[i], out items[i]))
                    yield break;
            }
            yield return new PyTuple(items);
        }
    }

    private IEnumerable<object?> Enumerate(object it, object? start)
    {
        var i = start;
        while (TryNext(it, out var item))
        {
            yield return new PyTuple(new[] { i, item });
            i = PyOps.Add(i, 1L);
        }
    }

    private object? Reversed(object? x)
    {
        var v = Traced.Unwrap(x);
        return v switch
        {
            List<object?> l => new PyIterator("list_reverseiterator", ReverseLive(l)),
            PyTuple t => new PyIterator("reversed", t.Items.Reverse()),
            string s => new PyIterator("reversed", PyOps.Iterate(s, this).Reverse()),
            PyDict d => new PyIterator("dict_reversekeyiterator", d.Keys.Reverse().ToList()),
            // The exposed __reversed__: one round trip, the server's list_reverseiterator pickled back (a snapshot).
            ListProxy lp => new PyIterator("list_reverseiterator", Enumerable.Reverse(lp.ToList()).ToList()),
            _ => throw PyErrors.TypeError($"'{PyOps.TypeName(v)}' object is not reversible"),
        };
    }

    private static IEnumerable<object?> ReverseLive(List<object?> l)
    {
        for (var i = l.Count - 1; i >= 0; i--)
        {
            if (i < l.Count)
                yield return l[i];
        }
    }

    private object? MinMax(string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        foreach (var k in kwargs.Keys.Where(k => k is not ("key" or "default")))
            throw PyErrors.TypeError($"{name}() got an unexpected keyword argument '{k}'");
        if (args.Count == 0)
            throw PyErrors.TypeError($"{name} expected at least 1 argument, got 0");
        var hasDefault = kwargs.TryGetValue("default", out var fallback);
        if (args.Count > 1 && hasDefault)
            throw PyErrors.TypeError($"Cannot specify a default for {name}() with multiple positional arguments");
        var key = kwargs.GetValueOrDefault("key");
        var items = args.Count == 1 ? PyOps.Iterate(args[0], this) : args;
        var op = name == "max" ? ">" : "<";
        object? best = null, bestKey = null;
        var any = false;
        foreach (var item in items)
        {
            var k = Key(key, item);
            if (!any || PyOps.Compare(k, bestKey, op))
            {
                (best, bestKey) = (item, k);
                any = true;
            }
        }
        if (any)
            return best;
        return hasDefault ? fallback : throw new ValueError($"{name}() arg is an empty sequence");
    }

    private object? Dict(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (args.Count > 1)
            throw PyErrors.TypeError($"dict expected at most 1 argument, got {args.Count}");
        var d = new PyDict();
        if (args.Count == 1)
        {
            if (Traced.Unwrap(args[0]) is PyDict source)
            {
                for (var i = 0; i < source.Count; i++)
                    d[source.Keys[i]] = source.Values[i];
            }
            else
            {
                var n = 0;
                foreach (var element in PyOps.Iterate(args[0], this))
                {
                    List<object?> pair;
                    try
                    {
                        pair = PyOps.Iterate(element, this).ToList();
                    }
                    catch (Exception e) when (PyErrors.Name(e) == "TypeError")
                    {
                        throw PyErrors.TypeError($"cannot convert dictionary update sequence element #{n} to a sequence");
                    }
                    if (pair.Count != 2)
                        throw new ValueError($"dictionary update sequence element #{n} has length {pair.Count}; 2 is required");
                    d[pair[0]] = pair[1];
                    n++;
                }
            }
        }
        foreach (var (k, v) in kwargs)
            d[k] = v;
        return d;
    }

    // ------------------------------------------------------------------------------------------------------------
    // int, float, round
    // ------------------------------------------------------------------------------------------------------------

    private static object? Int(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (args.Count > 2)
            throw PyErrors.TypeError($"int() takes at most 2 arguments ({args.Count} given)");
        foreach (var k in kwargs.Keys.Where(k => k != "base"))
            throw PyErrors.TypeError($"'{k}' is an invalid keyword argument for int()");
        var hasBase = args.Count == 2 || kwargs.ContainsKey("base");
        if (args.Count == 0)
        {
            if (hasBase)
                throw PyErrors.TypeError("int() missing string argument");
            return 0L;
        }
        var x = Traced.Unwrap(args[0]);
        if (hasBase)
        {
            var b = Traced.Unwrap(args.Count == 2 ? args[1] : kwargs["base"]);
            if (!PyInt.Is(b))
                throw PyErrors.TypeError($"'{PyOps.TypeName(b)}' object cannot be interpreted as an integer");
            var radix = PyInt.Big(b);
            if (x is not string text)
                throw PyErrors.TypeError("int() can't convert non-string with explicit base");
            if (radix != 0 && (radix < 2 || radix > 36))
                throw new ValueError("int() base must be >= 2 and <= 36, or 0");
            return ParseInt(text, (int)radix);
        }
        switch (x)
        {
            case bool or long or int or BigInteger:
                return PyInt.Normalize(PyInt.Big(x));
            case double d:
                if (double.IsNaN(d))
                    throw new ValueError("cannot convert float NaN to integer");
                if (double.IsInfinity(d))
                    throw PyErrors.Create("OverflowError", "cannot convert float infinity to integer");
                return PyInt.Normalize(new BigInteger(Math.Truncate(d)));
            case string s:
                return ParseInt(s, 10);
            default:
                throw PyErrors.TypeError($"int() argument must be a string, a bytes-like object or a real number, not '{PyOps.TypeName(x)}'");
        }
    }

    /// <summary>Python <c>int(text, base)</c>: whitespace, a sign, a base prefix (base 0 or the same base), underscores between digits.</summary>
    public static object ParseInt(string text, int radix)
    {
        Exception Invalid() => new ValueError($"invalid literal for int() with base {radix}: {PyRepr.Repr(text)}");
        var s = StripSpace(text);
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var b = radix;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            var prefixed = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            if (radix == 0 || radix == prefixed)
            {
                b = prefixed;
                s = s[2..];
                if (s.StartsWith('_'))
                    s = s[1..]; // 0x_1f: one underscore may follow the prefix
            }
        }
        if (b == 0)
        {
            b = 10;
            if (s.Length > 1 && s[0] == '0' && s.TrimStart('0', '_').Length > 0)
                throw Invalid(); // base 0: a leading zero only in 0 itself
        }
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
            throw Invalid();
        var digits = s.Replace("_", "", StringComparison.Ordinal);
        if ((b & (b - 1)) != 0 && digits.Length > PyInt.MaxStrDigits)
            throw new ValueError($"Exceeds the limit ({PyInt.MaxStrDigits} digits) for integer string conversion: value has {digits.Length} digits; use sys.set_int_max_str_digits() to increase the limit");
        var n = BigInteger.Zero;
        foreach (var c in digits)
        {
            // Any Unicode decimal digit counts, as in CPython (int('١٢') is 12); letters are digits 10..35.
            var d = CharUnicodeInfo.GetDecimalDigitValue(c) is >= 0 and var u ? u
                : char.ToLowerInvariant(c) is >= 'a' and <= 'z' and var l ? l - 'a' + 10 : 99;
            if (d >= b)
                throw Invalid();
            n = n * b + d;
        }
        return PyInt.Normalize(negative ? -n : n);
    }

    private static string StripSpace(string s)
    {
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToList();
        var (a, z) = (0, runes.Count);
        while (a < z && PyStr.IsSpace(runes[a]))
            a++;
        while (z > a && PyStr.IsSpace(runes[z - 1]))
            z--;
        return string.Concat(runes.GetRange(a, z - a));
    }

    private static readonly Regex FloatText = new(
        @"^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.?(?:[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?|inf|infinity|nan)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Python <c>float(x)</c>.</summary>
    public static double Float(object? x)
    {
        switch (Traced.Unwrap(x))
        {
            case double d:
                return d;
            case var n and (bool or long or int or BigInteger):
                return PyInt.ToDouble(PyInt.Big(n));
            case string text:
            {
                var s = StripSpace(text);
                var body = s.TrimStart('+', '-');
                var hasDigit = body.Any(char.IsAsciiDigit);
                var mantissa = Regex.Replace(body, "[eE].*$", "");
                var isWord = body.ToLowerInvariant() is "inf" or "infinity" or "nan";
                if (!FloatText.IsMatch(s) || s.Length - body.Length > 1 || (!isWord && (!hasDigit || !mantissa.Any(char.IsAsciiDigit))))
                    throw new ValueError($"could not convert string to float: {PyRepr.Repr(text)}");
                var negative = s.StartsWith('-');
                double value;
                if (isWord)
                    value = body.ToLowerInvariant() == "nan" ? double.NaN : double.PositiveInfinity;
                else
                    value = double.Parse(body.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
                return negative ? -value : value;
            }
            case var other:
                throw PyErrors.TypeError($"float() argument must be a string or a real number, not '{PyOps.TypeName(other)}'");
        }
    }

    /// <summary>Python <c>round(x, ndigits)</c>: half to even, of a float's exact value.</summary>
    public static object? Round(object? x, object? ndigits)
    {
        if (ndigits is not null && !PyInt.Is(ndigits))
            throw PyErrors.TypeError($"'{PyOps.TypeName(ndigits)}' object cannot be interpreted as an integer");
        switch (x)
        {
            case bool or long or int or BigInteger:
            {
                var n = PyInt.Big(x);
                if (ndigits is null || PyInt.Big(ndigits) >= 0)
                    return PyInt.Normalize(n);
                var scale = BigInteger.Pow(10, (int)BigInteger.Min(-PyInt.Big(ndigits), 10000));
                var q = BigInteger.DivRem(BigInteger.Abs(n), scale, out var r);
                var c = (r * 2).CompareTo(scale);
                if (c > 0 || (c == 0 && !q.IsEven))
                    q += 1;
                return PyInt.Normalize((n.Sign < 0 ? -q : q) * scale);
            }
            case double d when ndigits is null:
                if (double.IsNaN(d))
                    throw new ValueError("cannot convert float NaN to integer");
                if (double.IsInfinity(d))
                    throw PyErrors.Create("OverflowError", "cannot convert float infinity to integer");
                return PyInt.Normalize(new BigInteger(Math.Round(d, MidpointRounding.ToEven)));
            case double d:
            {
                var places = PyInt.Big(ndigits);
                if (double.IsNaN(d) || double.IsInfinity(d) || d == 0 || places > 323)
                    return d;
                if (places < -308)
                    return 0.0 * d;
                var p = (int)places;
                BigInteger digits;
                string text;
                // As CPython's double_round: the exact value rounded half to even at ndigits, read back correctly rounded.
                if (p >= 0)
                {
                    digits = PyFormatSpec.RoundHalfEven(Math.Abs(d), p);
                    text = digits.ToString(CultureInfo.InvariantCulture) + "e-" + p.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    digits = RoundToTens(Math.Abs(d), -p);
                    text = digits.ToString(CultureInfo.InvariantCulture) + "e" + (-p).ToString(CultureInfo.InvariantCulture);
                }
                var result = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(result))
                    throw PyErrors.Create("OverflowError", "rounded value too large to represent");
                return Math.CopySign(result, d);
            }
            default:
                throw PyErrors.TypeError($"type {PyOps.TypeName(x)} doesn't define __round__ method");
        }
    }

    /// <summary>round-half-even(x / 10^tens) of the exact value of <paramref name="x"/>.</summary>
    private static BigInteger RoundToTens(double x, int tens)
    {
        // x = RoundHalfEven(x, k) / 10^k exactly for k large enough (1075 places hold any double exactly).
        var exact = PyFormatSpec.RoundHalfEven(x, 1075);
        var den = BigInteger.Pow(10, 1075 + tens);
        var q = BigInteger.DivRem(exact, den, out var r);
        var c = (r * 2).CompareTo(den);
        if (c > 0 || (c == 0 && !q.IsEven))
            q += 1;
        return q;
    }
}
