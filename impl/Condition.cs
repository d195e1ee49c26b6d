using System;
using System.Diagnostics;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.Condition(lock=None)</c>: a lock (default a new RLock) plus the sleeping-count,
/// woken-count and wait semaphores of synchronize.py.
/// </summary>
public sealed class Condition : IShareable
{
    private readonly SemLockBase _lock;
    private readonly Semaphore _sleepingCount;
    private readonly Semaphore _wokenCount;
    private readonly Semaphore _waitSemaphore;

    /// <summary>Creates a condition on <paramref name="lockObject"/> (a Lock or RLock), or on a new RLock.</summary>
    public Condition(SemLockBase? lockObject = null)
        : this(lockObject ?? new RLock(), new Semaphore(0), new Semaphore(0), new Semaphore(0))
    {
    }

    private Condition(SemLockBase lockObject, Semaphore sleeping, Semaphore woken, Semaphore wait)
    {
        _lock = lockObject;
        _sleepingCount = sleeping;
        _wokenCount = woken;
        _waitSemaphore = wait;
    }

    /// <summary>The underlying lock.</summary>
    public SemLockBase Lock => _lock;

    /// <summary>CPython's <c>acquire(block, timeout)</c> on the underlying lock.</summary>
    public bool Acquire(bool block = true, double? timeout = null) => _lock.Acquire(block, timeout);

    /// <summary>CPython's <c>release()</c> on the underlying lock.</summary>
    public void Release() => _lock.Release();

    /// <summary>CPython's <c>with cond:</c>.</summary>
    public SemLockBase.Scope Enter() => _lock.Enter();

    /// <summary>CPython's <c>wait(timeout=None)</c>: true if notified, false on timeout.</summary>
    public bool Wait(double? timeout = null)
    {
        if (!_lock.SemLock.IsMine) throw new AssertionError(Errors.WaitWithoutLock);
        _sleepingCount.Release();
        var count = _lock.SemLock.LocalCount;
        for (var i = 0; i < count; i++) _lock.Release();
        try
        {
            return _waitSemaphore.Acquire(true, timeout);
        }
        finally
        {
            _wokenCount.Release();
            for (var i = 0; i < count; i++) _lock.Acquire();
        }
    }

    /// <summary>CPython's <c>notify(n=1)</c>: wakes at most <paramref name="n"/> waiters and waits for them to wake.</summary>
    public void Notify(int n = 1)
    {
        if (!_lock.SemLock.IsMine) throw new AssertionError(Errors.NotifyWithoutLock);
        if (_waitSemaphore.Acquire(false)) throw new AssertionError("notify: wait semaphore was not zero");
        while (_wokenCount.Acquire(false))
        {
            var res = _sleepingCount.Acquire(false);
            Debug.Assert(res, "notify: Bug in sleeping_count.acquire - res should not be False");
        }
        var sleepers = 0;
        while (sleepers < n && _sleepingCount.Acquire(false))
        {
            _waitSemaphore.Release();
            sleepers++;
        }
        if (sleepers > 0)
        {
            for (var i = 0; i < sleepers; i++) _wokenCount.Acquire();
            while (_waitSemaphore.Acquire(false))
            {
            }
        }
    }

    /// <summary>CPython's <c>notify_all()</c>.</summary>
    public void NotifyAll() => Notify(int.MaxValue);

    /// <summary>CPython's <c>wait_for(predicate, timeout=None)</c>: returns the predicate's last value.</summary>
    public T WaitFor<T>(Func<T> predicate, double? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var result = predicate();
        if (Truthy(result)) return result;
        var sw = Stopwatch.StartNew();
        while (!Truthy(result))
        {
            double? waitTime = null;
            if (timeout is not null)
            {
                waitTime = timeout.Value - sw.Elapsed.TotalSeconds;
                if (waitTime <= 0) break;
            }
            Wait(waitTime);
            result = predicate();
        }
        return result;
    }

    /// <summary>Python truthiness of a predicate result (null, false, 0, "" and empty collections are false).</summary>
    internal static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>CPython's repr, e.g. <c>&lt;Condition(&lt;RLock(None, 0)&gt;, 0)&gt;</c> (the number of sleepers).</summary>
    public override string ToString()
    {
        string waiters;
        try
        {
            waiters = (_sleepingCount.GetValue() - _wokenCount.GetValue()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception)
        {
            waiters = "unknown";
        }
        return $"<Condition({_lock}, {waiters})>";
    }

    string IShareable.ShareKind => "Condition";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteValue(_lock);
        writer.WriteValue(_sleepingCount);
        writer.WriteValue(_wokenCount);
        writer.WriteValue(_waitSemaphore);
    }

    internal static Condition Rebuild(PickleReader r) =>
        new((SemLockBase)r.ReadValue()!, (Semaphore)r.ReadValue()!, (Semaphore)r.ReadValue()!, (Semaphore)r.ReadValue()!);
}
