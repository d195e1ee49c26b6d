using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>ListProxy</c> (<c>Manager().list()</c>): every operation runs in the server; values read are copies.</summary>
public sealed class ListProxy : BaseProxy, IPyIterable, IPyOperand
{
    internal ListProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "ListProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>l[i]</c> and <c>l[i] = value</c> (IndexError from the server).</summary>
    public object? this[long index]
    {
        get => CallMethod("__getitem__", A(index));
        set => CallMethod("__setitem__", A(index, value));
    }

    /// <summary><c>len(l)</c>.</summary>
    public int Count => (int)PyOps.AsLong(CallMethod("__len__"));

    /// <summary><c>l.append(x)</c>.</summary>
    public void Append(object? item) => CallMethod("append", A(item));

    /// <summary><c>l.extend(items)</c> (also <c>l += items</c>).</summary>
    public void Extend(object? items) => CallMethod("extend", A(items));

    /// <summary><c>l.insert(i, x)</c>.</summary>
    public void Insert(long index, object? item) => CallMethod("insert", A(index, item));

    /// <summary><c>l.pop(i=-1)</c>.</summary>
    public object? Pop(long index = -1) => CallMethod("pop", A(index));

    /// <summary><c>l.remove(x)</c> (ValueError when absent).</summary>
    public void Remove(object? item) => CallMethod("remove", A(item));

    /// <summary><c>l.index(x)</c>.</summary>
    public long Index(object? item) => PyOps.AsLong(CallMethod("index", A(item)));

    /// <summary><c>l.count(x)</c>.</summary>
    public long CountOf(object? item) => PyOps.AsLong(CallMethod("count", A(item)));

    /// <summary><c>x in l</c>.</summary>
    public bool Contains(object? item) => PyOps.Truthy(CallMethod("__contains__", A(item)));

    /// <summary><c>l.sort(reverse=...)</c>.</summary>
    public void Sort(bool reverse = false)
    {
        var kw = new PyDict();
        if (reverse) kw["reverse"] = true;
        CallMethod("sort", null, kw);
    }

    /// <summary><c>l.reverse()</c>.</summary>
    public void Reverse() => CallMethod("reverse");

    /// <summary><c>iter(l)</c>: the items (a copy taken now; CPython's proxy reads them by index).</summary>
    IEnumerable<object?> IPyIterable.Iterate(object? context) => ToList();

    /// <summary><c>l + x</c>, <c>l * n</c> and <c>n * l</c>: CPython's exposed <c>__add__</c>, <c>__mul__</c>, <c>__rmul__</c>, run in the server (a plain list back).</summary>
    bool IPyOperand.TryBinary(string op, object? other, bool reflected, out object? result)
    {
        result = (op, reflected) switch
        {
            ("+", false) => CallMethod("__add__", A(other)),
            ("*", false) => CallMethod("__mul__", A(other)),
            ("*", true) => CallMethod("__rmul__", A(other)),
            _ => null,
        };
        return op == "*" || op == "+" && !reflected; // list defines no __radd__: x + l is x's own error
    }

    /// <summary><c>l[:]</c>: a copy of the whole list.</summary>
    public List<object?> ToList() => (List<object?>)GetValue()!;
}
