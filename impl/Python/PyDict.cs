using System;
using System.Collections.Generic;

namespace Multiprocessing.Python;

/// <summary>
/// A Python dict: insertion-ordered, keys compared with Python equality (<c>1 == 1.0 == True</c>). Scenario dicts are
/// tiny, so lookups are linear. Picklable by impl's Pickler (two lists of values).
/// </summary>
public sealed class PyDict : IPyObject
{
    private List<object?> _keys = new();
    private List<object?> _values = new();

    /// <summary>The number of items.</summary>
    public int Count => _keys.Count;

    /// <summary>The keys in insertion order.</summary>
    public IReadOnlyList<object?> Keys => _keys;

    /// <summary>The values in insertion order.</summary>
    public IReadOnlyList<object?> Values => _values;

    private int IndexOf(object? key)
    {
        CheckHashable(key);
        for (var i = 0; i < _keys.Count; i++)
        {
            if (PyOps.ItemEq(_keys[i], key))
                return i;
        }
        return -1;
    }

    /// <summary>Python's <c>hash(key)</c> precondition: lists and dicts (also inside a tuple) are unhashable.</summary>
    public static void CheckHashable(object? key)
    {
        switch (IPyWrapper.Unwrap(key))
        {
            case List<object?>:
                throw PyErrors.TypeError("unhashable type: 'list'");
            case PyDict:
                throw PyErrors.TypeError("unhashable type: 'dict'");
            case PySet:
                throw PyErrors.TypeError("unhashable type: 'set'");
            case PyTuple t:
                foreach (var item in t.Items)
                    CheckHashable(item);
                break;
        }
    }

    /// <summary>True when <paramref name="key"/> is a key (Python <c>in</c>).</summary>
    public bool ContainsKey(object? key) => IndexOf(key) >= 0;

    /// <summary>Python <c>d.get(key)</c>: the value, or false when missing.</summary>
    public bool TryGet(object? key, out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    /// <summary>Python <c>d[key]</c>: raises KeyError when missing.</summary>
    public object? this[object? key]
    {
        get => TryGet(key, out var v) ? v : throw PyErrors.KeyError(key);
        set
        {
            var i = IndexOf(key);
            if (i >= 0)
            {
                _values[i] = value;
            }
            else
            {
                _keys.Add(key);
                _values.Add(value);
            }
        }
    }

    /// <summary>Python <c>d.pop(key)</c> without a default: raises KeyError when missing.</summary>
    public object? Remove(object? key)
    {
        var i = IndexOf(key);
        if (i < 0)
            throw PyErrors.KeyError(key);
        var v = _values[i];
        _keys.RemoveAt(i);
        _values.RemoveAt(i);
        return v;
    }

    /// <summary>Python <c>d.popitem()</c>: the last pair inserted, removed; KeyError on an empty dict.</summary>
    public PyTuple PopItem()
    {
        if (_keys.Count == 0)
            throw PyException.KeyError("popitem(): dictionary is empty");
        var pair = new PyTuple([_keys[^1], _values[^1]]);
        _keys.RemoveAt(_keys.Count - 1);
        _values.RemoveAt(_values.Count - 1);
        return pair;
    }

    /// <summary>Python <c>d.clear()</c>.</summary>
    public void Clear()
    {
        _keys.Clear();
        _values.Clear();
    }

    /// <summary>
    /// Python's iteration of a dict or one of its views: the entry at each position, read live; a size change between
    /// two steps is CPython's <c>RuntimeError: dictionary changed size during iteration</c> (at the next step).
    /// </summary>
    public IEnumerable<object?> Live(Func<int, object?> entry)
    {
        var size = _keys.Count;
        for (var i = 0; ; i++)
        {
            if (_keys.Count != size)
                throw new PyException("RuntimeError", "dictionary changed size during iteration");
            if (i >= _keys.Count)
                yield break;
            yield return entry(i);
        }
    }

    /// <summary>A shallow copy.</summary>
    public PyDict Copy() => new() { _keys = new List<object?>(_keys), _values = new List<object?>(_values) };

    private static string Repr(object? v) => global::Multiprocessing.Python.PyRepr.Repr(v);

    /// <inheritdoc />
    public string PyRepr()
    {
        var parts = new List<string>(_keys.Count);
        for (var i = 0; i < _keys.Count; i++)
            parts.Add(Repr(_keys[i]) + ": " + Repr(_values[i]));
        return "{" + string.Join(", ", parts) + "}";
    }
}
