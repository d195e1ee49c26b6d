using System;
using System.Threading;
using Multiprocessing.Internal.Pooling;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.pool.AsyncResult</c> (<c>ApplyResult</c>): what <see cref="Pool.ApplyAsync"/> returns;
/// <see cref="MapResult"/> is the one of <see cref="Pool.MapAsync"/>.
/// </summary>
public class AsyncResult : IPyObject, IPoolJob
{
    private readonly ManualResetEventSlim _event = new(false);
    private readonly Action<object?>? _callback;
    private readonly Action<Exception>? _errorCallback;
    private Pool? _pool;
    private bool _success;
    private object? _value;

    internal AsyncResult(Pool pool, Action<object?>? callback, Action<Exception>? errorCallback)
    {
        _pool = pool;
        _callback = callback;
        _errorCallback = errorCallback;
        Job = Pool.NextJob();
        pool.AddJob(this);
    }

    /// <inheritdoc />
    public long Job { get; }

    /// <summary>CPython's <c>ready()</c>.</summary>
    public bool Ready() => _event.IsSet;

    /// <summary>CPython's <c>successful()</c>: ValueError <c>&lt;repr&gt; not ready</c> before the result came.</summary>
    public bool Successful()
    {
        if (!Ready()) throw new ValueError($"{PyRepr()} not ready");
        return _success;
    }

    /// <summary>CPython's <c>wait(timeout=None)</c>.</summary>
    public void Wait(double? timeout = null)
    {
        if (timeout is null) _event.Wait();
        else _event.Wait(TimeSpan.FromSeconds(Math.Max(0, timeout.Value)));
    }

    /// <summary>CPython's <c>get(timeout=None)</c>: the value, the task's exception, or <see cref="TimeoutError"/>.</summary>
    public object? Get(double? timeout = null)
    {
        Wait(timeout);
        if (!Ready()) throw new TimeoutError();
        if (_success) return _value;
        throw (Exception)_value!;
    }

    /// <summary>
    /// Sets the outcome and wakes the waiters; the callback runs first, in the result handler (as CPython). A callback
    /// that throws leaves the result not ready and in the pool's cache, and its exception ends the result handler:
    /// CPython's <c>_set</c> raises before <c>_event.set()</c>, so that result (and every later one) never arrives.
    /// </summary>
    private protected void Complete(bool success, object? value, bool runCallbacks = true)
    {
        _success = success;
        _value = value;
        if (runCallbacks && success) _callback?.Invoke(value);
        if (runCallbacks && !success) _errorCallback?.Invoke((Exception)value!);
        _event.Set();
        _pool?.RemoveJob(Job);
        _pool = null;
    }

    /// <summary>Records the outcome without callbacks (a map of nothing is ready at once).</summary>
    private protected void CompleteNow(bool success, object? value)
    {
        _success = success;
        _value = value;
        _event.Set();
        _pool?.RemoveJob(Job);
        _pool = null;
    }

    /// <summary>The callback of a map result.</summary>
    private protected Action<object?>? Callback => _callback;

    /// <summary>The error callback of a map result.</summary>
    private protected Action<Exception>? ErrorCallback => _errorCallback;

    /// <inheritdoc />
    void IPoolJob.Set(int index, bool success, object? value) => Set(index, success, value);

    /// <summary>CPython's <c>_set(i, obj)</c>.</summary>
    private protected virtual void Set(int index, bool success, object? value) => Complete(success, value);

    /// <inheritdoc />
    public virtual string PyRepr() => $"<multiprocessing.pool.ApplyResult object at {Python.PyRepr.Address(this)}>";

    /// <inheritdoc />
    public virtual string PyTypeName => "ApplyResult";

    /// <inheritdoc />
    public override string ToString() => PyRepr();
}
