using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Internal.Pooling;

namespace Multiprocessing;

/// <summary>The pool's three threads and its termination (CPython's <c>_handle_workers</c>, <c>_handle_tasks</c>, <c>_handle_results</c>, <c>_terminate_pool</c>).</summary>
public sealed partial class Pool
{
    private static readonly Dictionary<string, object?> NoKwargs = new();

    /// <summary>CPython's <c>_repopulate_pool_static</c>: starts workers until there are <see cref="Processes"/>.</summary>
    private void Repopulate()
    {
        lock (_pool)
        {
            for (var i = _pool.Count; i < _processes; i++)
            {
                var w = new Process(new Action<Queue, Queue, byte[]?, object?[], int>(PoolWorker.Run),
                    [_inqueue, _outqueue, _initializer, _initargs, _maxtasks], name: null, daemon: true);
                // CPython: w.name = w.name.replace('Process', 'PoolWorker') on a SpawnProcess-N.
                w.Name = "SpawnPoolWorker-" + string.Join(":", w.Identity);
                w.Start();
                _pool.Add(w);
            }
        }
    }

    /// <summary>CPython's <c>_join_exited_workers</c> then a repopulate when any left.</summary>
    private void MaintainPool()
    {
        var cleaned = false;
        lock (_pool)
        {
            for (var i = _pool.Count - 1; i >= 0; i--)
            {
                var w = _pool[i];
                if (w.ExitCode is null) continue;
                JoinWorker(w);
                _pool.RemoveAt(i);
                cleaned = true;
            }
        }
        if (cleaned && _workerHandlerState != Terminated) Repopulate();
    }

    private static void JoinWorker(Process p)
    {
        try
        {
            p.Join();
            p.Close(); // releases its sentinel (a pidfd)
        }
        catch (ValueError)
        {
            // already closed
        }
    }

    private void HandleWorkers()
    {
        while (_workerHandlerState == Run || (CacheCount > 0 && _workerHandlerState != Terminated))
        {
            MaintainPool();
            var waitables = new List<object> { _notifierReader };
            lock (_pool)
            {
                foreach (var w in _pool)
                {
                    try
                    {
                        waitables.Add(w.Sentinel);
                    }
                    catch (ValueError)
                    {
                        // closed or not started: nothing to wait for
                    }
                }
            }
            Connection.Wait(waitables, timeout: 1.0); // CPython waits without a timeout; the second is a safety net
            while (_notifierReader.Poll(0)) _notifierReader.RecvBytes();
        }
        _taskqueue.Add(null); // tells the task handler to send the workers their sentinels
    }

    private void HandleTasks()
    {
        byte[]? lastBytes = null;
        object? lastFunction = null;
        var stopped = false;
        foreach (var entry in _taskqueue.GetConsumingEnumerable())
        {
            if (entry is not { } item) break;
            PendingTask? task = null;
            foreach (var t in item.Tasks)
            {
                task = t;
                if (_taskHandlerState != Run)
                {
                    stopped = true;
                    break;
                }
                if (t.Error is { } error)
                {
                    Job(t.Job)?.Set(t.Index, false, error);
                    continue;
                }
                try
                {
                    if (!ReferenceEquals(t.Function, lastFunction) || lastBytes is null)
                    {
                        lastBytes = PoolFunction.Encode(t.Function!);
                        lastFunction = t.Function;
                    }
                    var payload = t.Chunk is { } chunk
                        ? TaskFrames.Items(chunk)
                        : TaskFrames.Call(t.Args!, t.Kwargs);
                    if (!Send(TaskFrames.Task(t.Kind, t.Job, t.Index, lastBytes, payload)))
                    {
                        stopped = true;
                        break;
                    }
                }
                catch (Exception e)
                {
                    lastBytes = null;
                    lastFunction = null;
                    Job(t.Job)?.Set(t.Index, false, e); // CPython: the pickling error becomes the task's result
                }
            }
            if (stopped) break;
            item.SetLength?.Invoke(task is null ? 0 : task.Index + 1);
        }
        try
        {
            _outqueue.Put(TaskFrames.Sentinel); // tells the result handler to finish once the cache is empty
            foreach (var _ in Workers)
            {
                if (!Send(TaskFrames.Sentinel)) break;
            }
        }
        catch (Exception e) when (e is OSError or ValueError)
        {
            // CPython: 'task handler got OSError when sending sentinels'
        }
    }

    /// <summary>Puts a frame on the bounded task queue, waiting while it is full; false once the pool is terminated.</summary>
    private bool Send(byte[] frame)
    {
        while (true)
        {
            try
            {
                _inqueue.Put(frame, block: true, timeout: 0.1);
                return true;
            }
            catch (Full)
            {
                if (_taskHandlerState == Terminated) return false;
            }
        }
    }

    private void HandleResults()
    {
        try
        {
            while (true)
            {
                var frame = Get();
                if (frame is null) return;
                if (_resultHandlerState != Run) break;
                if (frame.Length == 0) break;
                Dispatch(frame);
            }
            while (CacheCount > 0 && _resultHandlerState != Terminated)
            {
                var frame = Get();
                if (frame is null) return;
                if (frame.Length == 0) continue;
                Dispatch(frame);
            }
        }
        catch (Exception e)
        {
            // CPython: an exception in a callback ends the result handler thread with its traceback on stderr.
            Console.Error.WriteLine($"Exception in thread Thread-PoolResultHandler of {Mp.Describe()}:\nTraceback (most recent call last):\n{Internal.RemoteExceptions.ExceptionLine(e)}");
        }
    }

    /// <summary>
    /// The next result frame, or null once the pool is terminated. CPython blocks until its sentinel arrives; this
    /// looks at the state every 0.1 s as well, because a worker killed while writing holds the queue's writer lock
    /// and the sentinel would then never come.
    /// </summary>
    private byte[]? Get()
    {
        while (true)
        {
            try
            {
                return (byte[])_outqueue.Get(block: true, timeout: 0.1)!;
            }
            catch (Empty)
            {
                if (_resultHandlerState == Terminated) return null;
            }
            catch (Exception e) when (e is OSError or EOFError or ValueError)
            {
                return null;
            }
        }
    }

    private void Dispatch(byte[] frame)
    {
        var (success, job, index, payload) = TaskFrames.ReadResult(frame);
        var target = Job(job);
        if (target is null) return;
        object? value;
        if (!success)
            value = Internal.RemoteExceptions.Decode(payload);
        else if (target is MapResult || target is IMapIterator { } it && IsChunked(it))
            value = new List<object?>(TaskFrames.ReadItems(payload));
        else
            value = Pickler.Loads(payload);
        target.Set(index, success, value);
    }

    private static bool IsChunked(IMapIterator it) => it.PyTypeName == "generator";

    /// <summary>CPython's <c>_terminate_pool</c> (the finalizer, exit priority 15): run once.</summary>
    private void TerminatePool()
    {
        _workerHandlerState = Terminated;
        Notify();
        _taskHandlerState = Terminated;
        // CPython's check (3.11's spelling): a callback that raised ended the result handler with results pending.
        if (!_resultHandler.IsAlive && CacheCount != 0)
            throw new AssertionError("Cannot have cache with result_hander not alive");
        _resultHandlerState = Terminated;
        Notify();
        _outqueue.Put(TaskFrames.Sentinel);
        if (Thread.CurrentThread != _workerHandler) _workerHandler.Join();
        foreach (var p in Workers)
        {
            if (p.ExitCode is null) p.Terminate();
        }
        if (Thread.CurrentThread != _taskHandler) _taskHandler.Join();
        if (Thread.CurrentThread != _resultHandler) _resultHandler.Join();
        foreach (var p in Workers)
        {
            if (p.IsAlive) p.Join();
        }
        // Nothing reads the queues any more: their feeders must not hold this process's exit.
        _inqueue.CancelJoinThread();
        _outqueue.CancelJoinThread();
        _notifierWriter.Close();
        _notifierReader.Close();
    }
}
