using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>CPython's <c>queue.Queue</c> (the Queue and JoinableQueue of a SyncManager) as its server holds it.</summary>
internal sealed class ThreadQueue : IPyObject
{
    private readonly object _gate = new();
    private readonly Queue<object?> _items = new();
    private readonly long _maxsize;
    private long _unfinished;

    public ThreadQueue(long maxsize) => _maxsize = maxsize;

    public void Put(object? item, bool block, double? timeout)
    {
        lock (_gate)
        {
            if (_maxsize > 0)
            {
                if (!block)
                {
                    if (_items.Count >= _maxsize) throw new Full();
                }
                else
                {
                    if (timeout < 0) throw new ValueError("'timeout' must be a non-negative number");
                    var deadline = Deadline(timeout);
                    while (_items.Count >= _maxsize)
                    {
                        if (!WaitUntil(deadline)) throw new Full();
                    }
                }
            }
            _items.Enqueue(item);
            _unfinished++;
            Monitor.PulseAll(_gate);
        }
    }

    public object? Get(bool block, double? timeout)
    {
        lock (_gate)
        {
            if (!block)
            {
                if (_items.Count == 0) throw new Empty();
            }
            else
            {
                if (timeout < 0) throw new ValueError("'timeout' must be a non-negative number");
                var deadline = Deadline(timeout);
                while (_items.Count == 0)
                {
                    if (!WaitUntil(deadline)) throw new Empty();
                }
            }
            var item = _items.Dequeue();
            Monitor.PulseAll(_gate);
            return item;
        }
    }

    public void TaskDone()
    {
        lock (_gate)
        {
            if (_unfinished <= 0) throw new ValueError("task_done() called too many times");
            if (--_unfinished == 0) Monitor.PulseAll(_gate);
        }
    }

    public void Join()
    {
        lock (_gate)
        {
            while (_unfinished > 0) Monitor.Wait(_gate);
        }
    }

    public long QSize()
    {
        lock (_gate) return _items.Count;
    }

    public bool IsEmpty()
    {
        lock (_gate) return _items.Count == 0;
    }

    public bool IsFull()
    {
        lock (_gate) return _maxsize > 0 && _items.Count >= _maxsize;
    }

    private static long Deadline(double? timeout) =>
        timeout is null ? long.MaxValue : Environment.TickCount64 + (long)Math.Ceiling(timeout.Value * 1000);

    /// <summary>Waits on the gate until pulsed or the deadline; false once the deadline has passed.</summary>
    private bool WaitUntil(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            Monitor.Wait(_gate);
            return true;
        }
        var left = deadline - Environment.TickCount64;
        if (left <= 0) return false;
        Monitor.Wait(_gate, (int)Math.Min(left, int.MaxValue));
        return true;
    }

    public string PyRepr() => $"<queue.Queue object at {Python.PyRepr.Address(this)}>";
}
