using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing;

namespace Conformance.Impl.Tests.Pool;

/// <summary>Static functions pool workers run (the worker re-runs the test host with a startup hook).</summary>
public static class PoolTargets
{
    private static string? s_initialized;

    public static object? Square(object? x) => (long)x! * (long)x!;

    public static long Add(long a, long b) => a + b;

    public static string Name(object? _) => Mp.CurrentProcess().Name;

    public static string NameAfterSleep(object? seconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds((double)seconds!));
        return Mp.CurrentProcess().Name;
    }

    public static void Initialize(Queue q)
    {
        s_initialized = Mp.CurrentProcess().Name;
        q.Put(s_initialized);
    }

    /// <summary>The name the initializer recorded in this worker (null when it has not run).</summary>
    public static string? Initialized(object? _) => s_initialized;

    public static object? Fail(object? message) => throw new ValueError((string)message!);

    public static object? FailWithKey(object? key) => throw Multiprocessing.Python.PyErrors.KeyError(key);

    public static object? Unpicklable(object? _) => new NotAllowed();

    public static object? Sleep(object? seconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds((double)seconds!));
        return seconds;
    }

    public static int Pid(object? _) => Environment.ProcessId;
}

/// <summary>An <see cref="IPyCallable"/> an interpreter would pass: it pickles by value and is called in the worker.</summary>
[Picklable]
public sealed class Multiplier : IPyCallable
{
    public long Factor;

    public object? Call(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) =>
        (long)args[0]! * Factor + (kwargs.TryGetValue("plus", out var p) ? (long)p! : 0);
}

/// <summary>A callable that refuses to be pickled as a CPython lambda does.</summary>
[Picklable]
public sealed class RefusingCallable : IPyCallable
{
    public object? Call(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) => null;

    public Exception? PicklingError() => new PicklingError("Can't pickle <function <lambda> at 0x7f0000000000>: attribute lookup <lambda> on __main__ failed");
}

/// <summary>A type nobody allowed: the pickler refuses it.</summary>
public sealed class NotAllowed
{
    public int Field = 1;
}
