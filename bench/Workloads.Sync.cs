using System;
using System.Diagnostics;
using System.Linq;
using Multiprocessing;
using Lock = Multiprocessing.Lock;
using Process = Multiprocessing.Process;
using Semaphore = Multiprocessing.Semaphore;

namespace Conformance.Bench;

/// <summary>Processes, queues, synchronisation primitives, pipes and shared values: the twins of cpython_bench.py's.</summary>
public static partial class Workloads
{
    // ---- children (static: impl sends the target by metadata token) ----

    public static void Empty()
    {
    }

    public static void Produce(Queue q, Event go, int n, byte[]? payload)
    {
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

    public static void PingPongChild(SemLockBase a, SemLockBase b, int n)
    {
        for (var i = 0; i < n; i++)
        {
            a.Acquire();
            b.Release();
        }
    }

    public static void PingPongEvent(Event a, Event b, int n)
    {
        for (var i = 0; i < n; i++)
        {
            a.Wait();
            a.Clear();
            b.Set();
        }
    }

    public static void ConditionWaiter(Condition cond, Semaphore ready, Semaphore ack, int n)
    {
        for (var i = 0; i < n; i++)
        {
            using (cond.Enter())
            {
                ready.Release(); // under the lock: the parent can only notify once this process is inside Wait()
                cond.Wait();
            }
            ack.Release();
        }
    }

    public static void JoinableConsumer(JoinableQueue q, int n)
    {
        for (var i = 0; i < n; i++)
        {
            q.Get();
            q.TaskDone();
        }
    }

    public static void PipeEcho(Connection conn, int n)
    {
        for (var i = 0; i < n; i++) conn.Send(conn.Recv());
    }

    public static void PipeSend(Connection conn, Event go, int n)
    {
        go.Wait();
        for (var i = 0; i < n; i++) conn.Send(i);
    }

    public static void IncrementLocked(SharedValue v, Event go, Semaphore done, int n)
    {
        go.Wait();
        var l = v.GetLock();
        for (var i = 0; i < n; i++)
        {
            using (l.Enter()) v.Value = (long)v.Value + 1;
        }
        done.Release();
    }

    public static void Idle(Event e) => e.Wait();

    // ---- workloads: each returns one measurement; the comment says what it does (the Python twin does the same) ----

    /// <summary>ms per start+join of an empty target, the mean of 5 in a row (one alone is mostly scheduler noise).</summary>
    public static double StartJoin(int cpu)
    {
        const int k = 5;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < k; i++)
        {
            var p = SpawnOn(cpu, () =>
            {
                var p = new Process(Empty);
                p.Start();
                return p;
            });
            p.Join();
        }
        return sw.Elapsed.TotalMilliseconds / k;
    }

    /// <summary>items/s: one child puts n items (ints 0..n-1, or the same 1 KiB byte[]) once an Event is set; the parent gets them.</summary>
    public static double QueueThroughput(int n, byte[]? payload, int cpu)
    {
        var q = new Queue();
        var go = new Event();
        var p = SpawnOn(cpu, () => Started(new Process(Produce, [q, go, n, payload])));
        var sw = Stopwatch.StartNew();
        go.Set();
        for (var i = 0; i < n; i++) q.Get();
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        return n / elapsed;
    }

    /// <summary>A Lock as a binary semaphore: taken here, released by the other process (CPython allows it too).</summary>
    private static SemLockBase AcquiredLock()
    {
        var l = new Lock();
        l.Acquire();
        return l;
    }

    /// <summary>us per round trip: the parent releases a, the child acquires a and releases b, the parent acquires b.</summary>
    public static double PingPong(Func<SemLockBase> make, int n, int cpu)
    {
        var a = make();
        var b = make();
        var p = SpawnOn(cpu, () => Started(new Process(PingPongChild, [a, b, n + 1])));
        var us = MicrosPerRoundTrip(n, () =>
        {
            a.Release();
            b.Acquire();
        });
        p.Join();
        return us;
    }

    /// <summary>us per round trip: the parent sets a, the child's wait on a returns, it clears a and sets b, the parent's wait returns.</summary>
    public static double EventWake(int n, int cpu)
    {
        var a = new Event();
        var b = new Event();
        var p = SpawnOn(cpu, () => Started(new Process(PingPongEvent, [a, b, n + 1])));
        var us = MicrosPerRoundTrip(n, () =>
        {
            a.Set();
            b.Wait();
            b.Clear();
        });
        p.Join();
        return us;
    }

    /// <summary>us per round: 4 children wait on a Condition; the parent NotifyAll()s and waits for 4 acknowledgements.</summary>
    public static double ConditionFanOut(int n, int cpu)
    {
        const int waiters = 4;
        var cond = new Condition();
        var ready = new Semaphore(0);
        var ack = new Semaphore(0);
        var ps = SpawnOn(cpu, () => Enumerable.Range(0, waiters)
            .Select(_ => Started(new Process(ConditionWaiter, [cond, ready, ack, n + 1]))).ToArray());

        var us = MicrosPerRoundTrip(n, () =>
        {
            for (var i = 0; i < waiters; i++) ready.Acquire();
            using (cond.Enter()) cond.NotifyAll();
            for (var i = 0; i < waiters; i++) ack.Acquire();
        });
        foreach (var p in ps) p.Join();
        return us;
    }

    /// <summary>ns per Acquire+Release of a Lock nobody else holds, in this one process.</summary>
    public static double Uncontended(int n)
    {
        var l = new Lock();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            l.Acquire();
            l.Release();
        }
        return sw.Elapsed.TotalSeconds / n * 1e9;
    }

    /// <summary>us per round trip: the parent puts an int and Join()s; the child gets it and TaskDone()s.</summary>
    public static double JoinableRoundTrip(int n, int cpu)
    {
        var q = new JoinableQueue();
        var p = SpawnOn(cpu, () => Started(new Process(JoinableConsumer, [q, n + 1])));
        var i = 0;
        var us = MicrosPerRoundTrip(n, () =>
        {
            q.Put(i++);
            q.Join();
        });
        p.Join();
        return us;
    }

    /// <summary>us per round trip: the parent Send()s an int over a duplex Pipe, the child Recv()s and sends it back.</summary>
    public static double PipeRoundTrip(int n, int cpu)
    {
        var (a, b) = Mp.Pipe();
        var p = SpawnOn(cpu, () => Started(new Process(PipeEcho, [b, n + 1])));
        var i = 0;
        var us = MicrosPerRoundTrip(n, () =>
        {
            a.Send(i++);
            a.Recv();
        });
        p.Join();
        return us;
    }

    /// <summary>messages/s: the child Send()s ints 0..n-1 into a one-way Pipe once an Event is set; the parent Recv()s them.</summary>
    public static double PipeThroughput(int n, int cpu)
    {
        var (r, w) = Mp.Pipe(duplex: false);
        var go = new Event();
        var p = SpawnOn(cpu, () => Started(new Process(PipeSend, [w, go, n])));
        var sw = Stopwatch.StartNew();
        go.Set();
        for (var i = 0; i < n; i++) r.Recv();
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        return n / elapsed;
    }

    /// <summary>increments/s: the parent and one child each do <c>using (v.GetLock().Enter()) v.Value += 1</c> n times on one Value('i').</summary>
    public static double ValueIncrements(int n, int cpu)
    {
        var v = Mp.Value("i", 0L);
        var go = new Event();
        var done = new Semaphore(0);
        var p = SpawnOn(cpu, () => Started(new Process(IncrementLocked, [v, go, done, n])));
        var l = v.GetLock();
        var sw = Stopwatch.StartNew();
        go.Set();
        for (var i = 0; i < n; i++)
        {
            using (l.Enter()) v.Value = (long)v.Value + 1;
        }
        done.Acquire();
        var elapsed = sw.Elapsed.TotalSeconds;
        p.Join();
        if ((long)v.Value != 2L * n) throw new InvalidOperationException($"lost updates under the lock: {v.Value} != {2 * n}");
        return 2 * n / elapsed;
    }

    /// <summary>MiB VmHWM of a child blocked on an Event, read 0.5 s after its start (an idle child, not a starting one).</summary>
    public static double MemoryChild(int cpu)
    {
        var e = new Event();
        var p = SpawnOn(cpu, () => Started(new Process(Idle, [e])));
        System.Threading.Thread.Sleep(500);
        var hwm = VmHwmMiB(p.Pid!.Value);
        e.Set();
        p.Join();
        return hwm;
    }

    /// <summary>One warm-up round trip (the children are running), then the mean of <paramref name="n"/> timed ones, in µs.</summary>
    private static double MicrosPerRoundTrip(int n, Action roundTrip)
    {
        roundTrip();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) roundTrip();
        return sw.Elapsed.TotalSeconds / n * 1e6;
    }

    private static Process Started(Process p)
    {
        p.Start();
        return p;
    }
}
