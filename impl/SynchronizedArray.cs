using System.Collections;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.sharedctypes.SynchronizedArray</c>, what <c>Array(typecode, n)</c> returns: a
/// <see cref="RawArray"/> and a lock taken around each item or slice access (not around several).
/// </summary>
public sealed class SynchronizedArray : SharedArray, IShareable
{
    private readonly RawArray _obj;
    private readonly SemLockBase _lock;

    internal SynchronizedArray(RawArray obj, SemLockBase lockObject)
    {
        _obj = obj;
        _lock = lockObject;
    }

    /// <inheritdoc />
    public override int Length => _obj.Length;

    /// <inheritdoc />
    public override object this[long index]
    {
        get
        {
            using (_lock.Enter()) return _obj[index];
        }
        set
        {
            using (_lock.Enter()) _obj[index] = value;
        }
    }

    /// <inheritdoc />
    public override object GetSlice(object? start, object? stop, object? step = null)
    {
        using (_lock.Enter()) return _obj.GetSlice(start, stop, step);
    }

    /// <inheritdoc />
    public override void SetSlice(object? start, object? stop, object? step, IEnumerable values)
    {
        using (_lock.Enter()) _obj.SetSlice(start, stop, step, values);
    }

    /// <inheritdoc />
    public override SemLockBase GetLock() => _lock;

    /// <inheritdoc />
    public override RawArray GetObj() => _obj;

    /// <summary>CPython's <c>with a.get_lock():</c>.</summary>
    public SemLockBase.Scope Enter() => _lock.Enter();

    /// <inheritdoc />
    public override string PyRepr() => $"<SynchronizedArray wrapper for {_obj.PyRepr()}>";

    /// <inheritdoc />
    public override string PyTypeName => "SynchronizedArray";

    string IShareable.ShareKind => "SynchronizedArray";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteValue(_obj);
        writer.WriteValue(_lock);
    }

    internal static SynchronizedArray Rebuild(PickleReader r) => new((RawArray)r.ReadValue()!, (SemLockBase)r.ReadValue()!);
}
