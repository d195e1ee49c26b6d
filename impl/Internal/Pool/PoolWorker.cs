using System;
using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Pooling;

/// <summary>CPython's <c>multiprocessing.pool.worker</c>: the target of every pool worker process.</summary>
internal static class PoolWorker
{
    private static readonly Dictionary<string, object?> NoKwargs = new();

    /// <summary>Runs the initializer, then tasks from <paramref name="inqueue"/> until the sentinel, EOF or <paramref name="maxtasks"/> (0: no limit).</summary>
    public static void Run(Queue inqueue, Queue outqueue, byte[]? initializer, object?[] initargs, int maxtasks)
    {
        if (initializer is not null)
            PoolFunction.Decode(initializer).Call(initargs, NoKwargs);
        byte[]? lastFunction = null;
        PoolFunction? function = null;
        var completed = 0;
        while (maxtasks == 0 || completed < maxtasks)
        {
            byte[] frame;
            try
            {
                frame = (byte[])inqueue.Get()!;
            }
            catch (Exception e) when (e is EOFError or OSError)
            {
                break; // CPython: 'worker got EOFError or OSError -- exiting'
            }
            if (frame.Length == 0)
                break; // the sentinel
            var (kind, job, index, fbytes, payload) = TaskFrames.ReadTask(frame);
            byte[] result;
            object? value = null;
            var success = true;
            Pool.CurrentChunk = index;
            try
            {
                if (lastFunction is null || !fbytes.Span.SequenceEqual(lastFunction))
                {
                    function = PoolFunction.Decode(fbytes.ToArray());
                    lastFunction = fbytes.ToArray();
                }
                value = Execute(kind, function!, payload.Span);
            }
            catch (Exception e) when (e is not SystemExit)
            {
                success = false;
                value = e;
            }
            finally
            {
                Pool.CurrentChunk = null;
            }
            try
            {
                result = TaskFrames.Result(success, job, index, Encode(kind, success, value));
            }
            catch (Exception e) when (e is not SystemExit)
            {
                // CPython: the result (or the exception) could not be pickled; send MaybeEncodingError instead.
                var wrapped = new MaybeEncodingError(PyErrors.Repr(e), success ? SafeRepr(value) : ReprOfFailure(value));
                result = TaskFrames.Result(false, job, index, RemoteExceptions.Encode(wrapped));
            }
            outqueue.Put(result);
            completed++;
        }
    }

    private static object? Execute(byte kind, PoolFunction function, ReadOnlySpan<byte> payload)
    {
        switch (kind)
        {
            case TaskFrames.MapStar:
            {
                var items = TaskFrames.ReadItems(payload);
                var results = new List<object?>(items.Length);
                foreach (var item in items)
                    results.Add(function.Call1(item));
                return results;
            }
            case TaskFrames.StarMapStar:
            {
                var items = TaskFrames.ReadItems(payload);
                var results = new List<object?>(items.Length);
                foreach (var item in items)
                    results.Add(function.Call(new List<object?>(PyOps.Iterate(item)), NoKwargs));
                return results;
            }
            default:
            {
                var (args, kwargs) = TaskFrames.ReadCall(payload);
                return kwargs is null && args.Length == 1 ? function.Call1(args[0]) : function.Call(args, kwargs ?? NoKwargs);
            }
        }
    }

    private static byte[] Encode(byte kind, bool success, object? value)
    {
        if (!success) return RemoteExceptions.Encode((Exception)value!);
        if (kind is TaskFrames.MapStar or TaskFrames.StarMapStar) return TaskFrames.Items((List<object?>)value!);
        return Pickler.Dumps(value);
    }

    private static string SafeRepr(object? value)
    {
        try
        {
            return PyRepr.Repr(value);
        }
        catch (ArgumentException)
        {
            return $"<{value!.GetType().FullName} object at {PyRepr.Address(value)}>"; // a .NET object the value model has no repr for
        }
    }

    private static string ReprOfFailure(object? value) =>
        $"<multiprocessing.pool.ExceptionWithTraceback object at {PyRepr.Address(value ?? new object())}>";
}
