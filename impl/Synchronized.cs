using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.sharedctypes.Synchronized</c>, what <c>Value(typecode, value)</c> returns: a
/// <see cref="RawValue"/> and a lock (a new RLock unless one was given); reading or writing <see cref="Value"/> takes
/// the lock, so <c>v.Value += 1</c> is still two steps: hold <see cref="GetLock"/> around it.
/// </summary>
public sealed class Synchronized : SharedValue, IShareable
{
    private readonly RawValue _obj;
    private readonly SemLockBase _lock;

    internal Synchronized(RawValue obj, SemLockBase lockObject)
    {
        _obj = obj;
        _lock = lockObject;
    }

    /// <inheritdoc />
    public override object Value
    {
        get
        {
            using (_lock.Enter()) return _obj.Value;
        }
        set
        {
            using (_lock.Enter()) _obj.Value = value;
        }
    }

    /// <inheritdoc />
    public override SemLockBase GetLock() => _lock;

    /// <inheritdoc />
    public override RawValue GetObj() => _obj;

    /// <summary>CPython's <c>with v.get_lock():</c>.</summary>
    public SemLockBase.Scope Enter() => _lock.Enter();

    /// <inheritdoc />
    public override string PyRepr() => $"<Synchronized wrapper for {_obj.PyRepr()}>";

    /// <inheritdoc />
    public override string PyTypeName => "Synchronized";

    string IShareable.ShareKind => "Synchronized";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteValue(_obj);
        writer.WriteValue(_lock);
    }

    internal static Synchronized Rebuild(PickleReader r) => new((RawValue)r.ReadValue()!, (SemLockBase)r.ReadValue()!);
}
