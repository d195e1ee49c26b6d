using System.Collections.Generic;
using Multiprocessing;

namespace Conformance.Impl.Tests.Shared;

/// <summary>Child process bodies for the shared-value, Barrier and SimpleQueue tests.</summary>
public static class SharedTargets
{
    public static void IncrementLocked(SharedValue v, int n)
    {
        for (var i = 0; i < n; i++)
        {
            using (v.GetLock().Enter()) v.Value = (long)v.Value + 1;
        }
    }

    public static void FillArray(SharedArray a, RawValue done)
    {
        for (var i = 0; i < a.Length; i++) a[i] = (long)i * i;
        done.Value = 1L;
    }

    public static void WaitOnBarrier(Barrier b, SimpleQueue results, double? timeout)
    {
        try
        {
            results.Put(b.Wait(timeout));
        }
        catch (BrokenBarrierError)
        {
            results.Put("broken");
        }
    }

    public static void Action(SharedValue counter) => counter.Value = (long)counter.Value + 1;

    public static void Echo(SimpleQueue input, SimpleQueue output)
    {
        while (input.Get() is { } item and not "stop") output.Put(item);
        output.Put("done");
    }

    public static void Keywords(SimpleQueue q, int a, string b = "default", long c = 3) => q.Put($"{a} {b} {c}");

    public static List<object?> Items(params object?[] items) => [.. items];
}
