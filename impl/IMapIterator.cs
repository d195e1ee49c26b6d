using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Internal.Pooling;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.pool.IMapIterator</c>: what <see cref="Pool.Imap"/> returns, the results in input
/// order as they arrive. With a chunksize above 1 CPython returns a generator over the chunks' items; this iterator
/// then does the same (and shows itself as that generator).
/// </summary>
public class IMapIterator : IPyObject, IPyIterable, IEnumerable<object?>, IPoolJob
{
    private readonly object _gate = new();
    private readonly Queue<(bool Success, object? Value)> _items = new();
    private readonly Dictionary<int, (bool, object?)> _unsorted = new();
    private readonly bool _chunked;
    private Pool? _pool;
    private int _index;
    private int? _length;
    private IEnumerator<object?>? _chunk;

    internal IMapIterator(Pool pool, bool chunked)
    {
        _pool = pool;
        _chunked = chunked;
        Job = Pool.NextJob();
        pool.AddJob(this);
    }

    /// <inheritdoc />
    public long Job { get; }

    /// <summary>
    /// CPython's <c>next(timeout=None)</c>: the next result (a task's exception is raised here); false at the end
    /// (CPython's StopIteration); <see cref="TimeoutError"/> when none came within <paramref name="timeout"/> seconds.
    /// </summary>
    public bool TryNext(out object? value, double? timeout = null)
    {
        while (true)
        {
            if (_chunk is not null)
            {
                if (_chunk.MoveNext())
                {
                    value = _chunk.Current;
                    return true;
                }
                _chunk = null;
            }
            if (!TryNextRaw(out var raw, timeout))
            {
                value = null;
                return false;
            }
            if (!_chunked)
            {
                value = raw;
                return true;
            }
            _chunk = ((IEnumerable<object?>)raw!).GetEnumerator();
        }
    }

    /// <summary>CPython's <c>next(timeout)</c>, raising StopIteration at the end.</summary>
    public object? Next(double? timeout = null) =>
        TryNext(out var value, timeout) ? value : throw PyErrors.Create("StopIteration", null);

    private bool TryNextRaw(out object? value, double? timeout)
    {
        (bool Success, object? Value) item;
        lock (_gate)
        {
            if (!_items.TryDequeue(out item))
            {
                if (_index == _length)
                {
                    _pool = null;
                    value = null;
                    return false;
                }
                if (timeout is null) Monitor.Wait(_gate);
                else Monitor.Wait(_gate, TimeSpan.FromSeconds(Math.Max(0, timeout.Value)));
                if (!_items.TryDequeue(out item))
                {
                    if (_index == _length)
                    {
                        _pool = null;
                        value = null;
                        return false;
                    }
                    throw new TimeoutError();
                }
            }
        }
        if (item.Success)
        {
            value = item.Value;
            return true;
        }
        throw (Exception)item.Value!;
    }

    /// <inheritdoc />
    void IPoolJob.Set(int index, bool success, object? value) => Set(index, success, value);

    /// <summary>CPython's <c>_set(i, obj)</c>: in order (the unordered iterator overrides it).</summary>
    private protected virtual void Set(int index, bool success, object? value)
    {
        lock (_gate)
        {
            if (_index == index)
            {
                _items.Enqueue((success, value));
                _index++;
                while (_unsorted.Remove(_index, out var next))
                {
                    _items.Enqueue(next);
                    _index++;
                }
                Monitor.Pulse(_gate);
            }
            else
            {
                _unsorted[index] = (success, value);
            }
            if (_index == _length) Finish();
        }
    }

    /// <summary>For the unordered iterator: appends in arrival order.</summary>
    private protected void Append(bool success, object? value)
    {
        lock (_gate)
        {
            _items.Enqueue((success, value));
            _index++;
            Monitor.Pulse(_gate);
            if (_index == _length) Finish();
        }
    }

    /// <summary>CPython's <c>_set_length</c>: called by the task handler once every task was sent.</summary>
    internal void SetLength(int length)
    {
        lock (_gate)
        {
            _length = length;
            if (_index == _length)
            {
                Monitor.Pulse(_gate);
                Finish();
            }
        }
    }

    private void Finish()
    {
        _pool?.RemoveJob(Job);
        _pool = null;
    }

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator()
    {
        while (TryNext(out var value))
            yield return value;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    IEnumerable<object?> IPyIterable.Iterate(object? context) => this;

    /// <inheritdoc />
    public string PyRepr() => _chunked
        ? $"<generator object Pool.{Method}.<locals>.<genexpr> at {Python.PyRepr.Address(this)}>"
        : $"<multiprocessing.pool.{GetType().Name} object at {Python.PyRepr.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => _chunked ? "generator" : GetType().Name;

    private protected virtual string Method => "imap";

    /// <inheritdoc />
    public override string ToString() => PyRepr();
}
