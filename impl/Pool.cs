using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Internal;
using Multiprocessing.Internal.Pooling;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.pool.Pool</c>: daemonic worker processes named <c>SpawnPoolWorker-N</c> that run
/// tasks from a task queue and send results back; a worker handler, a task handler and a result handler thread in
/// the process that made it, as CPython's. Functions are static-method delegates or <see cref="IPyCallable"/>s.
/// <c>using</c> (<see cref="Dispose"/>) terminates it, as <c>with Pool()</c> does.
/// </summary>
public sealed partial class Pool : IDisposable, IPyObject, IPyUnpicklable
{
    private const int Run = 0, Closed = 1, Terminated = 2;
    private static readonly string[] StateNames = ["RUN", "CLOSE", "TERMINATE"];
    private static long s_jobCounter = -1;

    // CPython's task queue is a pipe: the task handler blocks once it is full, so an endless imap input is drawn only
    // as fast as the workers take tasks. This bound does the same (the Queue's own buffer is unbounded).
    private const int InqueueCapacity = 4096;

    private readonly int _processes;
    private readonly byte[]? _initializer;
    private readonly object?[] _initargs;
    private readonly int _maxtasks;
    private readonly Queue _inqueue;
    private readonly Queue _outqueue;
    private readonly List<Process> _pool = new();
    private readonly Dictionary<long, IPoolJob> _cache = new();
    private readonly BlockingCollection<(IEnumerable<PendingTask> Tasks, Action<int>? SetLength)?> _taskqueue = new();
    private readonly Connection _notifierReader;
    private readonly Connection _notifierWriter;
    private readonly Thread _workerHandler;
    private readonly Thread _taskHandler;
    private readonly Thread _resultHandler;
    private readonly Finalizer _terminate;
    private volatile int _state;
    private volatile int _workerHandlerState;
    private volatile int _taskHandlerState;
    private volatile int _resultHandlerState;

    /// <summary>
    /// CPython's <c>Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None)</c>: starts
    /// <paramref name="processes"/> workers (default <see cref="Mp.CpuCount"/>); each runs
    /// <c>initializer(*initargs)</c> first and, with <paramref name="maxtasksperchild"/>, exits after that many tasks
    /// (a task is one chunk) and is replaced.
    /// </summary>
    public Pool(int? processes = null, object? initializer = null, object?[]? initargs = null, int? maxtasksperchild = null)
    {
        var n = processes ?? Math.Max(1, Mp.CpuCount());
        if (n < 1) throw new ValueError("Number of processes must be at least 1");
        if (maxtasksperchild is { } k && k <= 0) throw new ValueError("maxtasksperchild must be a positive int or None");
        if (initializer is not null && !PoolFunction.IsCallable(initializer)) throw PyErrors.TypeError("initializer must be a callable");
        _processes = n;
        _maxtasks = maxtasksperchild ?? 0;
        _initargs = initargs ?? [];
        _initializer = initializer is null ? null : PoolFunction.Encode(initializer);
        _inqueue = new Queue(InqueueCapacity);
        _outqueue = new Queue();
        (_notifierReader, _notifierWriter) = Connection.Pipe(duplex: false);
        try
        {
            Repopulate();
        }
        catch
        {
            lock (_pool)
            {
                foreach (var p in _pool) if (p.ExitCode is null) p.Terminate();
                foreach (var p in _pool) p.Join();
            }
            throw;
        }
        _workerHandler = Background(HandleWorkers, "Thread-PoolWorkerHandler");
        _taskHandler = Background(HandleTasks, "Thread-PoolTaskHandler");
        _resultHandler = Background(HandleResults, "Thread-PoolResultHandler");
        _terminate = Finalizer.Register(TerminatePool, exitPriority: 15);
        _state = Run;
    }

    /// <summary>In a pool worker, CPython's task index <c>i</c> of the chunk being run (0 for apply); null outside a task.</summary>
    public static int? CurrentChunk { get; internal set; }

    /// <summary>The number of workers the pool keeps (CPython's <c>_processes</c>).</summary>
    public int Processes => _processes;

    /// <summary>The current worker processes (CPython's <c>_pool</c>), a snapshot.</summary>
    public IReadOnlyList<Process> Workers
    {
        get { lock (_pool) return _pool.ToArray(); }
    }

    private static Thread Background(ThreadStart body, string name)
    {
        var t = new Thread(body) { IsBackground = true, Name = name };
        t.Start();
        return t;
    }

    internal static long NextJob() => Interlocked.Increment(ref s_jobCounter);

    internal void AddJob(IPoolJob job)
    {
        lock (_cache) _cache[job.Job] = job;
    }

    internal void RemoveJob(long job)
    {
        bool empty;
        lock (_cache) empty = _cache.Remove(job) && _cache.Count == 0;
        if (empty) Notify(); // CPython's _PoolCache wakes the worker handler once the cache is empty
    }

    private int CacheCount
    {
        get { lock (_cache) return _cache.Count; }
    }

    private IPoolJob? Job(long job)
    {
        lock (_cache) return _cache.GetValueOrDefault(job);
    }

    private void Notify()
    {
        try
        {
            _notifierWriter.SendBytes([0]);
        }
        catch (OSError)
        {
            // closed at the end of terminate: nothing is waiting any more
        }
    }

    private void CheckRunning()
    {
        if (_state != Run) throw new ValueError("Pool not running");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Public API
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>CPython's <c>apply(func, args=(), kwds={})</c>: <c>func(*args, **kwds)</c> in a worker, waiting for it.</summary>
    public object? Apply(object func, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwds = null) =>
        ApplyAsync(func, args, kwds).Get();

    /// <summary>CPython's <c>apply_async(func, args=(), kwds={}, callback=None, error_callback=None)</c>.</summary>
    public AsyncResult ApplyAsync(object func, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwds = null,
        Action<object?>? callback = null, Action<Exception>? errorCallback = null)
    {
        CheckRunning();
        var result = new AsyncResult(this, callback, errorCallback);
        _taskqueue.Add(([new PendingTask(result.Job, 0, TaskFrames.Apply, func, null, args ?? [], kwds)], null));
        return result;
    }

    /// <summary>CPython's <c>map(func, iterable, chunksize=None)</c>: the results in input order.</summary>
    public List<object?> Map(object func, IEnumerable iterable, int? chunksize = null) =>
        (List<object?>)MapAsync(func, iterable, chunksize).Get()!;

    /// <summary>CPython's <c>map_async(func, iterable, chunksize=None, callback=None, error_callback=None)</c>.</summary>
    public MapResult MapAsync(object func, IEnumerable iterable, int? chunksize = null, Action<object?>? callback = null,
        Action<Exception>? errorCallback = null) =>
        MapAsyncOf(TaskFrames.MapStar, func, iterable, chunksize, callback, errorCallback);

    /// <summary>CPython's <c>starmap(func, iterable, chunksize=None)</c>: <c>func(*item)</c> for each item.</summary>
    public List<object?> Starmap(object func, IEnumerable iterable, int? chunksize = null) =>
        (List<object?>)StarmapAsync(func, iterable, chunksize).Get()!;

    /// <summary>CPython's <c>starmap_async(func, iterable, chunksize=None, callback=None, error_callback=None)</c>.</summary>
    public MapResult StarmapAsync(object func, IEnumerable iterable, int? chunksize = null, Action<object?>? callback = null,
        Action<Exception>? errorCallback = null) =>
        MapAsyncOf(TaskFrames.StarMapStar, func, iterable, chunksize, callback, errorCallback);

    /// <summary>CPython's <c>imap(func, iterable, chunksize=1)</c>: lazy, results in input order.</summary>
    public IMapIterator Imap(object func, IEnumerable iterable, int chunksize = 1) => ImapOf(func, iterable, chunksize, ordered: true);

    /// <summary>CPython's <c>imap_unordered(func, iterable, chunksize=1)</c>: lazy, results as they complete.</summary>
    public IMapIterator ImapUnordered(object func, IEnumerable iterable, int chunksize = 1) => ImapOf(func, iterable, chunksize, ordered: false);

    private MapResult MapAsyncOf(byte kind, object func, IEnumerable iterable, int? chunksize, Action<object?>? callback, Action<Exception>? errorCallback)
    {
        CheckRunning();
        var items = iterable as IList ?? Materialize(iterable);
        int size;
        if (chunksize is { } c)
        {
            size = c;
        }
        else
        {
            var workers = Math.Max(1, Workers.Count) * 4;
            size = Math.DivRem(items.Count, workers, out var extra);
            if (extra != 0) size++;
        }
        if (items.Count == 0) size = 0;
        var result = new MapResult(this, size, items.Count, callback, errorCallback);
        _taskqueue.Add((Chunks(result.Job, kind, func, items, size), null));
        return result;
    }

    private IMapIterator ImapOf(object func, IEnumerable iterable, int chunksize, bool ordered)
    {
        CheckRunning();
        if (chunksize < 1)
            throw new ValueError(ordered ? $"Chunksize must be 1+, not {chunksize}" : $"Chunksize must be 1+, not {chunksize}");
        var chunked = chunksize != 1;
        var result = ordered ? new IMapIterator(this, chunked) : new IMapUnorderedIterator(this, chunked);
        _taskqueue.Add((chunked ? Chunks(result.Job, TaskFrames.MapStar, func, iterable, chunksize) : Singles(result.Job, func, iterable), result.SetLength));
        return result;
    }

    private static List<object?> Materialize(IEnumerable iterable)
    {
        var list = new List<object?>();
        foreach (var x in iterable) list.Add(x);
        return list;
    }

    /// <summary>CPython's <c>_get_tasks</c> under <c>_guarded_task_generation</c>: consecutive chunks of <paramref name="size"/> items.</summary>
    private static IEnumerable<PendingTask> Chunks(long job, byte kind, object func, IEnumerable iterable, int size)
    {
        if (size <= 0) yield break;
        var e = iterable.GetEnumerator();
        for (var i = 0; ; i++)
        {
            var chunk = new List<object?>(Math.Min(size, 1 << 16));
            Exception? failure = null;
            try
            {
                while (chunk.Count < size && e.MoveNext()) chunk.Add(e.Current);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            if (failure is not null)
            {
                yield return PendingTask.Failure(job, i, failure);
                yield break;
            }
            if (chunk.Count == 0) yield break;
            yield return new PendingTask(job, i, kind, func, chunk, null, null);
        }
    }

    private static IEnumerable<PendingTask> Singles(long job, object func, IEnumerable iterable)
    {
        var e = iterable.GetEnumerator();
        for (var i = 0; ; i++)
        {
            object? item;
            Exception? failure = null;
            var more = false;
            item = null;
            try
            {
                more = e.MoveNext();
                if (more) item = e.Current;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            if (failure is not null)
            {
                yield return PendingTask.Failure(job, i, failure);
                yield break;
            }
            if (!more) yield break;
            yield return new PendingTask(job, i, TaskFrames.Apply, func, null, [item], null);
        }
    }

    /// <summary>CPython's <c>close()</c>: no more tasks; the workers exit once the queued ones are done.</summary>
    public void Close()
    {
        if (_state == Run)
        {
            _state = Closed;
            _workerHandlerState = Closed;
            Notify();
        }
    }

    /// <summary>CPython's <c>terminate()</c>: stops the workers now (SIGTERM), abandoning outstanding tasks.</summary>
    public void Terminate()
    {
        _state = Terminated;
        _terminate.Invoke();
    }

    /// <summary>CPython's <c>join()</c>: waits for the handlers and the workers; ValueError while the pool still runs.</summary>
    public void Join()
    {
        if (_state == Run) throw new ValueError("Pool is still running");
        if (_state is not (Closed or Terminated)) throw new ValueError("In unknown state");
        _workerHandler.Join();
        _taskHandler.Join();
        _resultHandler.Join();
        foreach (var p in Workers) p.Join();
    }

    /// <summary>CPython's <c>__enter__</c>: the pool itself; ValueError <c>Pool not running</c> after close or terminate.</summary>
    public Pool Enter()
    {
        CheckRunning();
        return this;
    }

    /// <summary>CPython's <c>__exit__</c>: <see cref="Terminate"/>.</summary>
    public void Dispose() => Terminate();

    /// <inheritdoc />
    public string PyRepr() => $"<multiprocessing.pool.Pool state={StateNames[_state]} pool_size={Workers.Count}>";

    /// <summary>CPython's <c>Pool.__reduce__</c>: a pool cannot be sent to another process (a Process argument, a queue item).</summary>
    Exception IPyUnpicklable.PicklingError() =>
        new NotImplementedException("pool objects cannot be passed between processes or pickled");

    /// <inheritdoc />
    public override string ToString() => PyRepr();
}
