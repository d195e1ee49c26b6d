using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>DictProxy</c> (<c>Manager().dict()</c>): every operation runs in the server; values read are copies.</summary>
public sealed class DictProxy : BaseProxy, IPyIterable
{
    internal DictProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "DictProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>d[key]</c> (KeyError from the server when missing) and <c>d[key] = value</c>.</summary>
    public object? this[object? key]
    {
        get => CallMethod("__getitem__", A(key));
        set => CallMethod("__setitem__", A(key, value));
    }

    /// <summary><c>del d[key]</c>.</summary>
    public void Remove(object? key) => CallMethod("__delitem__", A(key));

    /// <summary><c>key in d</c>.</summary>
    public bool ContainsKey(object? key) => PyOps.Truthy(CallMethod("__contains__", A(key)));

    /// <summary><c>len(d)</c>.</summary>
    public int Count => (int)PyOps.AsLong(CallMethod("__len__"));

    /// <summary><c>d.get(key, default)</c>.</summary>
    public object? Get(object? key, object? defaultValue = null) => CallMethod("get", A(key, defaultValue));

    /// <summary><c>d.keys()</c> (a list, as CPython's proxy returns it).</summary>
    public List<object?> Keys() => (List<object?>)CallMethod("keys")!;

    /// <summary><c>d.values()</c> (a list).</summary>
    public List<object?> Values() => (List<object?>)CallMethod("values")!;

    /// <summary><c>d.items()</c> (a list of tuples).</summary>
    public List<object?> Items() => (List<object?>)CallMethod("items")!;

    /// <summary><c>d.setdefault(key, default)</c>.</summary>
    public object? SetDefault(object? key, object? defaultValue = null) => CallMethod("setdefault", A(key, defaultValue));

    /// <summary><c>d.pop(key)</c> (KeyError when missing).</summary>
    public object? Pop(object? key) => CallMethod("pop", A(key));

    /// <summary><c>d.pop(key, default)</c>.</summary>
    public object? Pop(object? key, object? defaultValue) => CallMethod("pop", A(key, defaultValue));

    /// <summary><c>d.popitem()</c>.</summary>
    public PyTuple PopItem() => (PyTuple)CallMethod("popitem")!;

    /// <summary><c>d.update(other)</c>.</summary>
    public void Update(object? other) => CallMethod("update", A(other));

    /// <summary><c>d.clear()</c>.</summary>
    public void Clear() => CallMethod("clear");

    /// <summary><c>iter(d)</c>: the keys (a copy taken now; CPython's proxy iterates an Iterator proxy over the same keys).</summary>
    IEnumerable<object?> IPyIterable.Iterate(object? context) => Keys();

    /// <summary><c>d.copy()</c>: a plain dict.</summary>
    public PyDict Copy() => (PyDict)CallMethod("copy")!;
}
