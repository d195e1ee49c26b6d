using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace Multiprocessing.Python;

/// <summary>Python slicing (<c>v[start:stop:step]</c>) and item deletion (<c>del v[k]</c>, <c>del v[a:b]</c>), as CPython 3.11.</summary>
public static class PySlice
{
    /// <summary>The indices a slice selects in a sequence of <paramref name="length"/>: PySlice_Unpack then PySlice_AdjustIndices.</summary>
    public static (long Start, long Step, long Count) Indices(long length, object? start, object? stop, object? step)
    {
        // Unpack: the step first (so a zero step is reported before a bad start), then start and stop; big ints clamp.
        var st = step is null ? 1 : Index(step);
        if (st == 0)
            throw new Multiprocessing.ValueError("slice step cannot be zero");
        if (st < -long.MaxValue)
            st = -long.MaxValue; // so that -step cannot overflow
        var lo = start is null ? (st < 0 ? long.MaxValue : 0) : Index(start);
        var hi = stop is null ? (st < 0 ? long.MinValue : long.MaxValue) : Index(stop);
        lo = Adjust(lo, length, st);
        hi = Adjust(hi, length, st);
        long count = 0;
        if (st < 0)
        {
            if (hi < lo)
                count = ((lo - hi - 1) / -st) + 1;
        }
        else if (lo < hi)
        {
            count = ((hi - lo - 1) / st) + 1;
        }
        return (lo, st, count);
    }

    private static long Adjust(long i, long length, long step)
    {
        if (i < 0)
        {
            i += length;
            if (i < 0)
                i = step < 0 ? -1 : 0;
        }
        else if (i >= length)
        {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    }

    /// <summary>_PyEval_SliceIndex: an int (bool included), clamped to the 64-bit range.</summary>
    private static long Index(object? v) => IPyWrapper.Unwrap(v) switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        BigInteger n => n.Sign < 0 ? long.MinValue : long.MaxValue,
        _ => throw PyErrors.TypeError("slice indices must be integers or None or have an __index__ method"),
    };

    private static IEnumerable<int> Selected(long length, object? start, object? stop, object? step)
    {
        var (lo, st, count) = Indices(length, start, stop, step);
        for (long k = 0; k < count; k++)
            yield return (int)(lo + (k * st));
    }

    /// <summary>Python <c>container[start:stop:step]</c> of a list, tuple or string (by code point).</summary>
    public static object? Get(object? container, object? start, object? stop, object? step)
    {
        switch (IPyWrapper.Unwrap(container))
        {
            case List<object?> l:
                return Selected(l.Count, start, stop, step).Select(i => l[i]).ToList();
            case PyTuple t:
                return new PyTuple(Selected(t.Items.Count, start, stop, step).Select(i => t.Items[i]).ToArray());
            case string s:
            {
                var runes = s.EnumerateRunes().ToList();
                return string.Concat(Selected(runes.Count, start, stop, step).Select(i => runes[i].ToString()));
            }
            case PyDict:
                throw PyErrors.TypeError("unhashable type: 'slice'");
            case var other:
                throw PyErrors.TypeError($"'{PyOps.TypeName(other)}' object is not subscriptable");
        }
    }

    /// <summary>Python <c>del container[start:stop:step]</c>: list items only.</summary>
    public static void Delete(object? container, object? start, object? stop, object? step)
    {
        switch (IPyWrapper.Unwrap(container))
        {
            case List<object?> l:
                foreach (var i in Selected(l.Count, start, stop, step).OrderDescending().ToList())
                    l.RemoveAt(i);
                return;
            case PyDict:
                throw PyErrors.TypeError("unhashable type: 'slice'");
            case var other:
                throw PyErrors.TypeError($"'{PyOps.TypeName(other)}' object does not support item deletion");
        }
    }

    /// <summary>Python <c>del container[key]</c>: a dict key, a list index; PyObject_DelItem's two messages for the rest.</summary>
    public static void DeleteItem(object? container, object? key)
    {
        var target = IPyWrapper.Unwrap(container);
        switch (target)
        {
            case PyDict d:
                d.Remove(key);
                return;
            case List<object?> l:
            {
                if (key is not (bool or long or int or BigInteger))
                    throw PyErrors.TypeError($"list indices must be integers or slices, not {PyOps.TypeName(key)}");
                var i = SequenceIndex(key);
                if (i < 0)
                    i += l.Count;
                if (i < 0 || i >= l.Count)
                    throw new PyException("IndexError", "list assignment index out of range");
                l.RemoveAt((int)i);
                return;
            }
        }
        // A type with sequence slots (str, tuple, dict views, every class written in Python) and an int key: "doesn't";
        // anything else: "does not" (PyObject_DelItem and PySequence_DelItem word it differently).
        if (HasSequenceSlots(container) && key is bool or long or int or BigInteger)
        {
            SequenceIndex(key);
            throw PyErrors.TypeError($"'{PyOps.TypeName(target)}' object doesn't support item deletion");
        }
        throw PyErrors.TypeError($"'{PyOps.TypeName(target)}' object does not support item deletion");
    }

    /// <summary>An index-sized int; beyond 64 bits CPython raises IndexError (PyNumber_AsSsize_t with IndexError).</summary>
    private static long SequenceIndex(object? key) => key is BigInteger
        ? throw new PyException("IndexError", "cannot fit 'int' into an index-sized integer")
        : PyOps.AsLong(key);

    private static bool HasSequenceSlots(object? value) => value switch
    {
        IPyWrapper => true, // a primitive or proxy: classes written in Python
        string or PyTuple or PyDictView => true,
        IPyObject { PyTypeModule: "__main__" } or Multiprocessing.Process => true, // a user's class: written in Python
        _ => false,
    };
}
