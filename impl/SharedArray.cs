using System.Collections;
using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// What CPython's <c>multiprocessing.Array</c> returns: a <see cref="SynchronizedArray"/> wrapper, or with
/// <c>lock: false</c> the raw ctypes array (<see cref="RawArray"/>): indexing, slices, <c>len</c>, iteration.
/// </summary>
public abstract class SharedArray : IPyObject, IPyIterable, IEnumerable<object>
{
    private protected SharedArray() { }

    /// <summary>CPython's <c>len(a)</c>.</summary>
    public abstract int Length { get; }

    /// <summary>CPython's <c>a[i]</c> and <c>a[i] = v</c>: negative indices count from the end; <c>IndexError('invalid index')</c> past either end.</summary>
    public abstract object this[long index] { get; set; }

    /// <summary>CPython's <c>a[start:stop:step]</c>: a list (bytes for 'c').</summary>
    public abstract object GetSlice(object? start, object? stop, object? step = null);

    /// <summary>CPython's <c>a[start:stop:step] = values</c>: <c>ValueError('Can only assign sequence of same size')</c> unless the lengths agree.</summary>
    public abstract void SetSlice(object? start, object? stop, object? step, IEnumerable values);

    /// <summary>CPython's <c>a[key]</c> for an int key (bool included): <c>TypeError('indices must be integers')</c> otherwise.</summary>
    public object GetItem(object? key) => this[Index(key)];

    /// <summary>CPython's <c>a[key] = value</c> for an int key.</summary>
    public void SetItem(object? key, object? value) => this[Index(key)] = value!;

    /// <summary>CPython's <c>get_lock()</c>; a raw array has none.</summary>
    public virtual SemLockBase GetLock() => throw PyErrors.NoAttribute(this, "get_lock");

    /// <summary>CPython's <c>get_obj()</c>: the raw array a wrapper holds.</summary>
    public virtual RawArray GetObj() => throw PyErrors.NoAttribute(this, "get_obj");

    /// <summary>CPython's <c>a[:]</c> as a list of items (for 'c' a list of one-byte arrays).</summary>
    public List<object> ToList()
    {
        var list = new List<object>(Length);
        for (var i = 0; i < Length; i++) list.Add(this[i]);
        return list;
    }

    private static long Index(object? key) => IPyWrapper.Unwrap(key) switch
    {
        bool b => b ? 1 : 0,
        long n => n,
        int n => n,
        System.Numerics.BigInteger n => n.Sign < 0 ? long.MinValue : long.MaxValue, // out of range either way
        _ => throw PyErrors.TypeError("indices must be integers"),
    };

    /// <inheritdoc />
    public IEnumerator<object> GetEnumerator()
    {
        // The sequence protocol CPython uses for these (no __iter__): items by index until the first IndexError.
        for (var i = 0; i < Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<object?> IPyIterable.Iterate(object? context) => this;

    /// <inheritdoc />
    public abstract string PyRepr();

    /// <inheritdoc />
    public abstract string PyTypeName { get; }

    /// <inheritdoc />
    public string PyTypeModule => "multiprocessing.sharedctypes";

    /// <summary>CPython's repr.</summary>
    public override string ToString() => PyRepr();
}
