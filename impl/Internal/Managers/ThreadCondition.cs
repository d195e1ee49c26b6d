using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>CPython's <c>threading.Condition</c> (on an RLock) as a manager's server holds it: threading.py's waiter-lock algorithm.</summary>
internal sealed class ThreadCondition : IPyObject
{
    private readonly ThreadLock _lock = new("RLock");
    private readonly LinkedList<SemaphoreSlim> _waiters = new();

    public bool Acquire(bool blocking, double timeout) => _lock.Acquire(blocking, timeout);

    public void Release() => _lock.Release();

    public bool Wait(double? timeout)
    {
        if (!_lock.OwnedByCurrentThread) throw new RuntimeError("cannot wait on un-acquired lock");
        var waiter = new SemaphoreSlim(0, 1);
        lock (_waiters) _waiters.AddLast(waiter);
        var depth = _lock.ReleaseAll();
        var got = false;
        try
        {
            got = timeout is null ? Block(waiter) : waiter.Wait(TimeSpan.FromSeconds(Math.Max(0, timeout.Value)));
            return got;
        }
        finally
        {
            _lock.Restore(depth);
            if (!got)
                lock (_waiters) _waiters.Remove(waiter);
        }
    }

    private static bool Block(SemaphoreSlim waiter)
    {
        waiter.Wait();
        return true;
    }

    public void Notify(long n)
    {
        if (!_lock.OwnedByCurrentThread) throw new RuntimeError("cannot notify on un-acquired lock");
        lock (_waiters)
        {
            while (n-- > 0 && _waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                first.Value.Release();
            }
        }
    }

    public void NotifyAll() => Notify(long.MaxValue);

    public string PyRepr() => $"<Condition({_lock.PyRepr()}, {_waiters.Count})>";
}
