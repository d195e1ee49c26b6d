using System;
using System.Diagnostics;
using System.Linq;
using Multiprocessing;
using Process = Multiprocessing.Process;
using Semaphore = Multiprocessing.Semaphore;

namespace Conformance.Bench;

/// <summary>Manager and Pool workloads: the twins of cpython_bench.py's.</summary>
public static partial class Workloads
{
    // ---- children and pool functions ----

    public static void NamespaceSetAttr(NamespaceProxy ns, int n, Queue result)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) ns.SetAttr("x", (long)i);
        result.Put(sw.Elapsed.TotalSeconds);
    }

    public static object? Identity(object? x) => x;

    public static void InitializerRan(Semaphore sem) => sem.Release();

    private static readonly Func<object?, object?> IdentityFunc = Identity;

    // ---- workloads ----

    /// <summary>us per operation: the parent does d["k"] = i then d["k"] on a Manager dict, n times (2n operations).</summary>
    public static double ManagerDict(int n, int cpu)
    {
        var m = SpawnOn(cpu, Mp.Manager);
        try
        {
            var d = m.Dict();
            d["k"] = -1L;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                d["k"] = (long)i;
                _ = d["k"];
            }
            return sw.Elapsed.TotalSeconds / (2 * n) * 1e6;
        }
        finally
        {
            m.Shutdown();
        }
    }

    /// <summary>us per setattr: a child does ns.x = i n times on a Manager Namespace it got as an argument; it times itself.</summary>
    public static double ManagerNamespace(int n, int cpu)
    {
        var m = SpawnOn(cpu, Mp.Manager);
        try
        {
            var ns = m.Namespace();
            var result = new Queue();
            var p = SpawnOn(cpu, () => Started(new Process(NamespaceSetAttr, [ns, n, result])));
            var elapsed = (double)result.Get(timeout: 120)!;
            p.Join();
            return elapsed / n * 1e6;
        }
        finally
        {
            m.Shutdown();
        }
    }

    /// <summary>ms from Mp.Manager() to a started manager (its server process answering); shutdown not timed.</summary>
    public static double ManagerStart(int cpu)
    {
        var sw = Stopwatch.StartNew();
        var m = SpawnOn(cpu, Mp.Manager);
        var elapsed = sw.Elapsed.TotalMilliseconds;
        m.Shutdown();
        return elapsed;
    }

    /// <summary>tasks/s: Pool(2).Map(Identity, 0..n-1, chunksize) on a started pool (its start not timed).</summary>
    public static double PoolMap(int n, int? chunksize, int cpu)
    {
        var pool = SpawnOn(cpu, () => new Pool(2));
        try
        {
            pool.Map(IdentityFunc, Enumerable.Range(0, 8).Select(i => (object?)(long)i)); // both workers are up
            var sw = Stopwatch.StartNew();
            var output = pool.Map(IdentityFunc, Enumerable.Range(0, n).Select(i => (object?)(long)i), chunksize);
            var elapsed = sw.Elapsed.TotalSeconds;
            if (output.Count != n || (long)output[^1]! != n - 1) throw new InvalidOperationException("Pool.Map returned the wrong list");
            return n / elapsed;
        }
        finally
        {
            pool.Terminate();
            pool.Join();
        }
    }

    /// <summary>us per round trip: pool.ApplyAsync(Identity, [i]).Get() on a started Pool(2), n times.</summary>
    public static double PoolApplyAsync(int n, int cpu)
    {
        var pool = SpawnOn(cpu, () => new Pool(2));
        try
        {
            pool.ApplyAsync(IdentityFunc, [0L]).Get();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) pool.ApplyAsync(IdentityFunc, [(long)i]).Get();
            return sw.Elapsed.TotalSeconds / n * 1e6;
        }
        finally
        {
            pool.Terminate();
            pool.Join();
        }
    }

    /// <summary>ms from new Pool(4, initializer) until every worker's initializer released a Semaphore; terminate not timed.</summary>
    public static double PoolStart(int cpu)
    {
        var sem = new Semaphore(0);
        var sw = Stopwatch.StartNew();
        var pool = SpawnOn(cpu, () => new Pool(4, new Action<Semaphore>(InitializerRan), [sem]));
        for (var i = 0; i < 4; i++) sem.Acquire();
        var elapsed = sw.Elapsed.TotalMilliseconds;
        pool.Terminate();
        pool.Join();
        return elapsed;
    }

    /// <summary>MiB VmHWM of a Manager's server process after a dict was created and 100 keys set and read.</summary>
    public static double MemoryManager(int cpu)
    {
        var m = SpawnOn(cpu, Mp.Manager);
        try
        {
            var d = m.Dict();
            for (var i = 0L; i < 100; i++)
            {
                d[i] = i;
                _ = d[i];
            }
            return VmHwmMiB(m.ServerProcess!.Pid!.Value);
        }
        finally
        {
            m.Shutdown();
        }
    }

    /// <summary>MiB VmHWM of a Pool(2) worker (the larger of the two) after a map of 10,000 trivial tasks (default chunksize).</summary>
    public static double MemoryWorker(int cpu)
    {
        var pool = SpawnOn(cpu, () => new Pool(2));
        try
        {
            pool.Map(IdentityFunc, Enumerable.Range(0, 10_000).Select(i => (object?)(long)i));
            return pool.Workers.Max(w => VmHwmMiB(w.Pid!.Value));
        }
        finally
        {
            pool.Terminate();
            pool.Join();
        }
    }
}
