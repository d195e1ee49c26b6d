using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Multiprocessing;
using Process = Multiprocessing.Process;
using Semaphore = Multiprocessing.Semaphore;

namespace Conformance.Bench;

/// <summary>
/// The C# half of the benchmark: the same workloads as bench/cpython_bench.py, with impl. Children are started by
/// impl (posix_spawn of this program + startup hook), so their targets are static methods with picklable arguments.
/// </summary>
public static class Workloads
{
    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int sched_setaffinity(int pid, nint cpusetsize, ulong* mask);

    [DllImport("libc")]
    private static extern long sysconf(int name);

    /// <summary>Online CPUs (os.cpu_count()); Environment.ProcessorCount would count only the inherited affinity mask.</summary>
    public static int CpuCount { get; } = (int)Math.Max(1, sysconf(84 /* _SC_NPROCESSORS_ONLN */));

    /// <summary>Pins the calling process (every thread started later inherits it) to <paramref name="cpu"/> mod cpu_count.</summary>
    public static unsafe void Pin(int? cpu)
    {
        if (cpu is null) return;
        var mask = 1UL << (cpu.Value % CpuCount);
        // pid 0 = the calling thread only; pin every thread of the process so the runtime's threads follow too.
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var tid)) sched_setaffinity(tid, sizeof(ulong), &mask);
        }
    }

    // ---- children (static: impl sends the target by metadata token) ----

    public static void Produce(Queue q, Event go, int n, byte[]? payload, int? cpu)
    {
        Pin(cpu);
        go.Wait();
        if (payload is null)
        {
            for (var i = 0; i < n; i++) q.Put(i);
        }
        else
        {
            for (var i = 0; i < n; i++) q.Put(payload);
        }
    }

    public static void PingPongSem(Semaphore a, Semaphore b, int n, int? cpu)
    {
        Pin(cpu);
        for (var i = 0; i < n; i++)
        {
            a.Acquire();
            b.Release();
        }
    }

    public static void PingPongEvent(Event a, Event b, int n, int? cpu)
    {
        Pin(cpu);
        for (var i = 0; i < n; i++)
        {
            a.Wait();
            a.Clear();
            b.Set();
        }
    }

    public static void JoinableConsumer(JoinableQueue q, int n, int? cpu)
    {
        Pin(cpu);
        for (var i = 0; i < n; i++)
        {
            q.Get();
            q.TaskDone();
        }
    }

    public static void Empty()
    {
    }

    public static void IncrementLocked(SharedValue v, Event go, Semaphore done, int n, int? cpu)
    {
        Pin(cpu);
        go.Wait();
        var l = v.GetLock();
        for (var i = 0; i < n; i++)
        {
            using (l.Enter()) v.Value = (long)v.Value + 1;
        }
        done.Release();
    }

    public static void Idle(Event e) => e.Wait();

    // ---- workloads: each returns one measurement ----

    public static double QueueThroughput(int n, byte[]? payload, int? childCpu)
    {
        var q = new Queue();
        var go = new Event();
        var p = new Process(Produce, [q, go, n, payload, childCpu]);
        p.Start();
        var sw = Stopwatch.StartNew();
        go.Set();
        for (var i = 0; i < n; i++) q.Get();
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        return n / elapsed;
    }

    /// <summary>Two children each add 1 to a Value('i') n times under its lock (CPython: with v.get_lock(): v.value += 1).</summary>
    public static double ValueLockedIncrements(int n, int? secondCpu)
    {
        var v = Mp.Value("i", 0L);
        var go = new Event();
        var done = new Semaphore(0);
        var ps = new[] { new Process(IncrementLocked, [v, go, done, n, (int?)0]), new Process(IncrementLocked, [v, go, done, n, secondCpu]) };
        foreach (var p in ps) p.Start();
        var sw = Stopwatch.StartNew();
        go.Set();
        done.Acquire();
        done.Acquire();
        var elapsed = sw.Elapsed.TotalSeconds;
        foreach (var p in ps) p.Join();
        if ((long)v.Value != 2L * n) throw new InvalidOperationException($"lost updates under the lock: {v.Value} != {2 * n}");
        return 2 * n / elapsed;
    }

    public static double SemaphorePingPong(int n, int? childCpu)
    {
        var a = new Semaphore(0);
        var b = new Semaphore(0);
        var p = new Process(PingPongSem, [a, b, n, childCpu]);
        p.Start();
        a.Release();
        b.Acquire(); // warm-up round: the child is running
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n - 1; i++)
        {
            a.Release();
            b.Acquire();
        }
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        return elapsed / (n - 1) * 1e6;
    }

    public static double EventPingPong(int n, int? childCpu)
    {
        var a = new Event();
        var b = new Event();
        var p = new Process(PingPongEvent, [a, b, n, childCpu]);
        p.Start();
        a.Set();
        b.Wait();
        b.Clear();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n - 1; i++)
        {
            a.Set();
            b.Wait();
            b.Clear();
        }
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        return elapsed / (n - 1) * 1e6;
    }

    public static double JoinableRoundTrip(int n, int? childCpu)
    {
        var q = new JoinableQueue();
        var p = new Process(JoinableConsumer, [q, n, childCpu]);
        p.Start();
        q.Put(0);
        q.Join();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n - 1; i++)
        {
            q.Put(i);
            q.Join();
        }
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        return elapsed / (n - 1) * 1e6;
    }

    public static double ProcessStartJoin(int? childCpu)
    {
        var sw = Stopwatch.StartNew();
        var p = new Process(Empty);
        p.Start();
        p.Join();
        return sw.Elapsed.TotalMilliseconds;
    }

    public static double IdleChildPeakMemory(int? childCpu)
    {
        var e = new Event();
        var p = new Process(Idle, [e]);
        p.Start();
        Thread.Sleep(500); // let the child finish starting and reach its wait: we measure an idle child
        var hwm = File.ReadLines($"/proc/{p.Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        e.Set();
        p.Join();
        return int.Parse(hwm, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
