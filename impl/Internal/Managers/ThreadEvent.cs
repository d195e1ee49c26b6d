using System;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>CPython's <c>threading.Event</c> as a manager's server holds it.</summary>
internal sealed class ThreadEvent : IPyObject
{
    private readonly object _gate = new();
    private bool _flag;

    public bool IsSet()
    {
        lock (_gate) return _flag;
    }

    public void Set()
    {
        lock (_gate)
        {
            _flag = true;
            Monitor.PulseAll(_gate);
        }
    }

    public void Clear()
    {
        lock (_gate) _flag = false;
    }

    public bool Wait(double? timeout)
    {
        lock (_gate)
        {
            var deadline = timeout is null ? long.MaxValue : Environment.TickCount64 + (long)Math.Ceiling(Math.Max(0, timeout.Value) * 1000);
            while (!_flag)
            {
                var left = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
                if (left == 0) break;
                Monitor.Wait(_gate, left);
            }
            return _flag;
        }
    }

    public string PyRepr() => $"<threading.Event at {Python.PyRepr.Address(this)}: {(IsSet() ? "set" : "unset")}>";
}
