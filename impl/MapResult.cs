using System;
using System.Collections.Generic;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.pool.MapResult</c>: the <see cref="AsyncResult"/> of a map; its value is the list of results in input order.</summary>
public sealed class MapResult : AsyncResult
{
    private readonly object _gate = new();
    private readonly int _chunksize;
    private readonly object?[] _values;
    private int _numberLeft;
    private bool _failed;
    private Exception? _error;

    internal MapResult(Pool pool, int chunksize, int length, Action<object?>? callback, Action<Exception>? errorCallback)
        : base(pool, callback, errorCallback)
    {
        _chunksize = chunksize;
        _values = new object?[length];
        if (chunksize <= 0)
        {
            // CPython's degenerate case: no chunk is ever made (chunksize 0 or below, or an empty iterable), and the
            // result is ready at once as the [None] * length it was created with; no callback runs.
            _numberLeft = 0;
            CompleteNow(true, new List<object?>(_values));
        }
        else
        {
            _numberLeft = length / chunksize + (length % chunksize != 0 ? 1 : 0);
        }
    }

    private protected override void Set(int index, bool success, object? value)
    {
        bool done;
        lock (_gate)
        {
            _numberLeft--;
            if (success && !_failed)
            {
                var chunk = (IList<object?>)value!;
                var start = index * _chunksize;
                for (var k = 0; k < chunk.Count && start + k < _values.Length; k++) _values[start + k] = chunk[k];
            }
            else if (!success && !_failed)
            {
                _failed = true; // only the first exception is kept
                _error = (Exception)value!;
            }
            done = _numberLeft == 0;
        }
        if (!done) return;
        if (_failed)
        {
            Complete(false, _error);
        }
        else
        {
            Complete(true, new List<object?>(_values));
        }
    }

    /// <inheritdoc />
    public override string PyRepr() => $"<multiprocessing.pool.MapResult object at {Python.PyRepr.Address(this)}>";

    /// <inheritdoc />
    public override string PyTypeName => "MapResult";
}
