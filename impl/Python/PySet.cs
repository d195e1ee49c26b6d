using System.Collections.Generic;
using System.Linq;

namespace Multiprocessing.Python;

/// <summary>
/// A Python set. Its iteration order is CPython's when every element has a process-independent hash (ints, bools,
/// floats, tuples of them): the elements sit in a model of setobject.c's open-addressing table (linear probes of 9,
/// then perturbation; resize at 3/5 full) and are visited in slot order. With a str (hash randomised per process) or
/// another element the order is the insertion order, which CPython does not promise either: print sorted(...).
/// </summary>
public sealed class PySet : IPyObject
{
    private const int LinearProbes = 9;
    private readonly List<object?> _items = new();
    private object?[] _table = new object?[8];
    private long[] _hashes = new long[8];
    private bool[] _used = new bool[8];
    private int _mask = 7;
    private int _fill;
    private bool _modelled = true;

    /// <summary>The number of elements.</summary>
    public int Count => _items.Count;

    /// <summary>A set of <paramref name="items"/>, added as CPython's set(iterable) adds them.</summary>
    public static PySet From(object? source, IEnumerable<object?> items)
    {
        var set = new PySet();
        switch (IPyWrapper.Unwrap(source))
        {
            case PySet other:
                set.Merge(other);
                break;
            case PyDict d:
                // set_update_internal: one resize for the dict's size first, then the keys in order.
                if ((set._fill + d.Count) * 5 >= set._mask * 3)
                    set.Resize((set.Count + d.Count) * 2);
                foreach (var k in d.Keys)
                    set.Add(k);
                break;
            default:
                foreach (var item in items)
                    set.Add(item);
                break;
        }
        return set;
    }

    /// <summary>True when an element equals <paramref name="item"/>.</summary>
    public bool Contains(object? item)
    {
        PyDict.CheckHashable(item);
        return _items.Any(x => PyOps.ItemEq(x, item));
    }

    /// <summary>set.add.</summary>
    public void Add(object? item)
    {
        if (Contains(item))
            return;
        _items.Add(item);
        if (!_modelled)
            return;
        if (PyHash.Of(item) is not { } hash)
        {
            _modelled = false;
            return;
        }
        Place(_table, _hashes, _used, _mask, item, hash);
        _fill++;
        if (_fill * 5 >= _mask * 3)
            Resize(Count > 50000 ? Count * 2 : Count * 4);
    }

    private void Merge(PySet other)
    {
        if (!other._modelled || !_modelled)
        {
            foreach (var item in other._items)
                Add(item);
            return;
        }
        if (other.Count == 0)
            return;
        if ((_fill + other.Count) * 5 >= _mask * 3)
            Resize((Count + other.Count) * 2);
        if (_fill == 0 && _mask == other._mask)
        {
            // Both empty of dummies and the same size: setobject.c copies the slots as they are.
            _table = (object?[])other._table.Clone();
            _hashes = (long[])other._hashes.Clone();
            _used = (bool[])other._used.Clone();
        }
        else
        {
            for (var i = 0; i <= other._mask; i++)
            {
                if (other._used[i])
                    Place(_table, _hashes, _used, _mask, other._table[i], other._hashes[i]);
            }
        }
        _fill = other.Count;
        _items.AddRange(other._items);
    }

    /// <summary>set_insert_clean / the free slot set_add_entry finds for a new key: linear probes, then perturbation.</summary>
    private static void Place(object?[] table, long[] hashes, bool[] used, int mask, object? item, long hash)
    {
        var perturb = unchecked((ulong)hash);
        var i = (int)(perturb & (ulong)mask);
        while (true)
        {
            if (!used[i])
            {
                Store(i);
                return;
            }
            if (i + LinearProbes <= mask)
            {
                for (var j = 1; j <= LinearProbes; j++)
                {
                    if (!used[i + j])
                    {
                        Store(i + j);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (int)(((ulong)i * 5 + 1 + perturb) & (ulong)mask);
        }

        void Store(int slot)
        {
            table[slot] = item;
            hashes[slot] = hash;
            used[slot] = true;
        }
    }

    private void Resize(int minUsed)
    {
        var size = 8;
        while (size <= minUsed)
            size <<= 1;
        var table = new object?[size];
        var hashes = new long[size];
        var used = new bool[size];
        for (var i = 0; i <= _mask; i++)
        {
            if (_used[i])
                Place(table, hashes, used, size - 1, _table[i], _hashes[i]);
        }
        (_table, _hashes, _used, _mask, _fill) = (table, hashes, used, size - 1, Count);
    }

    /// <summary>The elements in CPython's iteration order (see the class remarks).</summary>
    public List<object?> Items()
    {
        if (!_modelled)
            return _items.ToList();
        var result = new List<object?>(Count);
        for (var i = 0; i <= _mask; i++)
        {
            if (_used[i])
                result.Add(_table[i]);
        }
        return result;
    }

    /// <summary>Set equality: the same elements, in any order.</summary>
    public bool SetEquals(PySet other) => Count == other.Count && _items.All(other.Contains);

    /// <inheritdoc />
    public string PyRepr() => Count == 0 ? "set()" : "{" + string.Join(", ", Items().Select(global::Multiprocessing.Python.PyRepr.Repr)) + "}";
}
