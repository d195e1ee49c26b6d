using System;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// CPython's <c>threading.Lock</c>, <c>RLock</c>, <c>Semaphore</c> and <c>BoundedSemaphore</c> as a manager's server
/// holds them: thread-level, owned by the server thread serving one client connection (one per client thread), with
/// CPython's error texts.
/// </summary>
internal sealed class ThreadLock : IPyObject
{
    private readonly object _gate = new();
    private readonly string _kind;
    private readonly long _bound;
    private long _value;
    private int _owner;
    private long _depth;

    public ThreadLock(string kind, long value = 1)
    {
        if (value < 0) throw new ValueError("semaphore initial value must be >= 0");
        _kind = kind;
        _value = kind is "Lock" or "RLock" ? 1 : value;
        _bound = _value;
    }

    public bool Reentrant => _kind == "RLock";

    /// <summary>The thread holding an RLock (0: none).</summary>
    public int Owner => _owner;

    public bool Acquire(bool blocking, double timeout)
    {
        if (!blocking && timeout != -1) throw new ValueError("can't specify a timeout for a non-blocking call");
        if (timeout < 0 && timeout != -1) throw new ValueError(_kind is "Semaphore" or "BoundedSemaphore" ? "timeout value must be a non-negative number" : "timeout value must be a non-negative number");
        var me = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (Reentrant && _owner == me)
            {
                _depth++;
                return true;
            }
            var deadline = timeout < 0 ? long.MaxValue : Environment.TickCount64 + (long)Math.Ceiling(timeout * 1000);
            while (_value == 0)
            {
                if (!blocking) return false;
                var left = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
                if (left == 0) return false;
                Monitor.Wait(_gate, left);
            }
            _value--;
            if (Reentrant)
            {
                _owner = me;
                _depth = 1;
            }
            return true;
        }
    }

    public void Release(long n = 1)
    {
        if (n < 1) throw new ValueError("n must be one or more");
        lock (_gate)
        {
            switch (_kind)
            {
                case "Lock":
                    if (_value != 0) throw new RuntimeError("release unlocked lock");
                    _value = 1;
                    break;
                case "RLock":
                    if (_owner != Environment.CurrentManagedThreadId) throw new RuntimeError("cannot release un-acquired lock");
                    if (--_depth > 0) return;
                    _owner = 0;
                    _value = 1;
                    break;
                case "BoundedSemaphore":
                    if (_value + n > _bound) throw new ValueError("Semaphore released too many times");
                    _value += n;
                    break;
                default:
                    _value += n;
                    break;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Releases an RLock completely (Condition.wait), returning its depth.</summary>
    public long ReleaseAll()
    {
        lock (_gate)
        {
            if (_owner != Environment.CurrentManagedThreadId) throw new RuntimeError("cannot wait on un-acquired lock");
            var depth = _depth;
            _depth = 0;
            _owner = 0;
            _value = 1;
            Monitor.PulseAll(_gate);
            return depth;
        }
    }

    /// <summary>Re-acquires an RLock to <paramref name="depth"/> (after Condition.wait).</summary>
    public void Restore(long depth)
    {
        Acquire(true, -1);
        lock (_gate) _depth = depth;
    }

    public bool OwnedByCurrentThread
    {
        get
        {
            lock (_gate) return _owner == Environment.CurrentManagedThreadId;
        }
    }

    public string PyRepr()
    {
        lock (_gate)
        {
            var addr = Python.PyRepr.Address(this);
            return _kind switch
            {
                "Lock" => $"<{(_value == 0 ? "locked" : "unlocked")} _thread.lock object at {addr}>",
                "RLock" => $"<{(_value == 0 ? "locked" : "unlocked")} _thread.RLock object owner={_owner} count={_depth} at {addr}>",
                _ => $"<threading.{_kind} at {addr}: value={_value}>",
            };
        }
    }
}
