using System;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// CPython's <c>threading.Barrier</c> as a manager's server holds it (threading.py's algorithm: filling, draining,
/// resetting and broken states; <c>wait</c> returns the arrival index; a timeout breaks the barrier).
/// </summary>
internal sealed class ThreadBarrier : IPyObject
{
    private const int Filling = 0, Draining = 1, Resetting = -1, Broken = -2;
    private readonly object _gate = new();
    private readonly double? _timeout;
    private int _state;
    private long _count;

    public ThreadBarrier(long parties, double? timeout)
    {
        Parties = parties;
        _timeout = timeout;
    }

    public long Parties { get; }

    public long NWaiting
    {
        get
        {
            lock (_gate) return _state == Filling ? _count : 0;
        }
    }

    public bool IsBroken
    {
        get
        {
            lock (_gate) return _state == Broken;
        }
    }

    public long Wait(double? timeout)
    {
        timeout ??= _timeout;
        lock (_gate)
        {
            // _enter: wait for a draining or resetting barrier to finish
            while (_state is Draining or Resetting) Monitor.Wait(_gate);
            if (_state < 0) throw new BrokenBarrierError();
            var index = _count++;
            try
            {
                if (index + 1 == Parties)
                {
                    _state = Draining;
                    Monitor.PulseAll(_gate);
                }
                else
                {
                    var deadline = timeout is null ? long.MaxValue : Environment.TickCount64 + (long)Math.Ceiling(Math.Max(0, timeout.Value) * 1000);
                    while (_state == Filling)
                    {
                        var left = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
                        if (left == 0)
                        {
                            Break();
                            throw new BrokenBarrierError();
                        }
                        Monitor.Wait(_gate, left);
                    }
                    if (_state < 0) throw new BrokenBarrierError();
                }
                return index;
            }
            finally
            {
                // _exit: the last one out of a draining or resetting barrier makes it fill again
                _count--;
                if (_count == 0 && _state is Resetting or Draining)
                {
                    _state = Filling;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                if (_state is Filling or Broken) _state = Resetting; // waiters get BrokenBarrierError; the last out refills it
            }
            else
                _state = Filling;
            Monitor.PulseAll(_gate);
        }
    }

    public void Abort()
    {
        lock (_gate) Break();
    }

    private void Break()
    {
        _state = Broken;
        Monitor.PulseAll(_gate);
    }

    public string PyRepr() => IsBroken
        ? $"<threading.Barrier at {Python.PyRepr.Address(this)}: broken>"
        : $"<threading.Barrier at {Python.PyRepr.Address(this)}: waiters={NWaiting}/{Parties}>";

    public string PyTypeName => "Barrier";
}
