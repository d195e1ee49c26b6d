using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.Event</c>: a Condition on a Lock plus a flag semaphore.</summary>
public sealed class Event : IShareable
{
    private readonly Condition _cond;
    private readonly Semaphore _flag;

    /// <summary>Creates an unset event, like <c>multiprocessing.Event()</c>.</summary>
    public Event() : this(new Condition(new Lock()), new Semaphore(0)) { }

    private Event(Condition cond, Semaphore flag)
    {
        _cond = cond;
        _flag = flag;
    }

    /// <summary>CPython's <c>is_set()</c>.</summary>
    public bool IsSet()
    {
        using (_cond.Enter())
        {
            if (_flag.Acquire(false))
            {
                _flag.Release();
                return true;
            }
            return false;
        }
    }

    /// <summary>CPython's <c>set()</c>: sets the flag and wakes every waiter.</summary>
    public void Set()
    {
        using (_cond.Enter())
        {
            _flag.Acquire(false);
            _flag.Release();
            _cond.NotifyAll();
        }
    }

    /// <summary>CPython's <c>clear()</c>.</summary>
    public void Clear()
    {
        using (_cond.Enter())
        {
            _flag.Acquire(false);
        }
    }

    /// <summary>CPython's <c>wait(timeout=None)</c>: returns the flag's state at wake-up.</summary>
    public bool Wait(double? timeout = null)
    {
        using (_cond.Enter())
        {
            if (_flag.Acquire(false)) _flag.Release();
            else _cond.Wait(timeout);

            if (_flag.Acquire(false))
            {
                _flag.Release();
                return true;
            }
            return false;
        }
    }

    /// <summary>CPython's repr, <c>&lt;Event at 0x... set&gt;</c> or <c>... unset&gt;</c>.</summary>
    public override string ToString() =>
        $"<Event at 0x{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this):x} {(IsSet() ? "set" : "unset")}>";

    string IShareable.ShareKind => "Event";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteValue(_cond);
        writer.WriteValue(_flag);
    }

    internal static Event Rebuild(PickleReader r) => new((Condition)r.ReadValue()!, (Semaphore)r.ReadValue()!);
}
