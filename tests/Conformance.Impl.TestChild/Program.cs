using System;
using System.Diagnostics;
using System.Threading;
using Multiprocessing;
using Barrier = Multiprocessing.Barrier;
using Lock = Multiprocessing.Lock;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.TestChild;

/// <summary>A controllable parent program for the impl tests: each command is one multiprocessing scenario.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : "")
        {
            case "empty":
            {
                // Measures start+join of an empty target.
                var warm = new Process(Nothing);
                warm.Start();
                warm.Join();
                var n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    var p = new Process(Nothing);
                    p.Start();
                    p.Join();
                }
                Console.WriteLine($"start+join ms: {sw.Elapsed.TotalMilliseconds / n:F1}");
                return 0;
            }
            case "raise":
            {
                var p = new Process(Raiser);
                p.Start();
                p.Join();
                Console.WriteLine($"exitcode={p.ExitCode}");
                return 0;
            }
            case "names":
            {
                var p = new Process(PrintNames, [1]);
                p.Start();
                p.Join();
                Console.WriteLine($"exitcode={p.ExitCode}");
                return 0;
            }
            case "hold-sems":
            {
                // Creates named semaphores, then waits to be killed.
                var l = new Lock();
                var q = new Queue();
                q.Put(1);
                Console.WriteLine($"ready {l.Name}");
                Thread.Sleep(60_000);
                return 0;
            }
            case "daemon-exit":
            {
                var d = new Process(Sleeper, [30.0], daemon: true);
                d.Start();
                var nd = new Process(Sleeper, [0.5]);
                nd.Start();
                Console.WriteLine($"pids {d.Pid} {nd.Pid}");
                return 0;
            }
            case "queue-exit":
            {
                // The child puts data; the parent reads it after the child exited (feeder flush at exit).
                var q = new Queue();
                var p = new Process(PutMany, [q, 1000]);
                p.Start();
                var sum = 0L;
                for (var i = 0; i < 1000; i++) sum += (int)q.Get(timeout: 10)!;
                p.Join();
                Console.WriteLine($"sum={sum} exitcode={p.ExitCode}");
                return 0;
            }
            case "lock-in-queue":
            {
                var q = new Queue();
                q.Put(new Lock());
                q.Put(5);
                Console.WriteLine($"got {q.Get(timeout: 5)}");
                return 0;
            }
            case "lock-only-exit":
            {
                // A program that only uses a Lock (no child, no queue, no shared memory) and exits normally.
                var l = new Lock();
                l.Acquire();
                l.Release();
                Console.WriteLine($"done {l.Name}");
                return 0;
            }
            case "hold-shared":
            case "shared-exit":
            {
                // Creates a Value, an Array and a Barrier (three /dev/shm segments) and a child that uses them; then
                // either exits normally or waits to be killed.
                var v = Mp.Value("i", 0L);
                var a = Mp.RawArray("d", 3L);
                var b = new Barrier(2);
                var p = new Process(UseShared, [v, a, b]);
                p.Start();
                b.Wait(30);
                p.Join(30);
                Console.WriteLine($"ready value={v.Value} array={string.Join(",", a.ToList())} exitcode={p.ExitCode}");
                if (args[0] == "hold-shared") Thread.Sleep(60_000);
                return 0;
            }
            default:
                Console.Error.WriteLine("usage: TestChild empty|raise|names|hold-sems|daemon-exit|queue-exit|lock-in-queue|lock-only-exit|hold-shared|shared-exit");
                return 2;
        }
    }

    public static void Nothing()
    {
    }

    public static void UseShared(SharedValue v, SharedArray a, Barrier b)
    {
        using (v.GetLock().Enter()) v.Value = (long)v.Value + 41;
        a[2] = 2.5;
        b.Wait(30);
    }

    public static void Raiser() => throw new InvalidOperationException("boom");

    public static void Sleeper(double seconds) => Thread.Sleep(TimeSpan.FromSeconds(seconds));

    public static void PutMany(Queue q, int n)
    {
        for (var i = 0; i < n; i++) q.Put(i);
    }

    public static void PrintNames(int depth)
    {
        var me = Mp.CurrentProcess();
        Console.WriteLine($"child name={me.Name} parent={me.ParentName}");
        if (depth > 0)
        {
            var a = new Process(PrintNames, [depth - 1]);
            var b = new Process(PrintNames, [depth - 1]);
            a.Start();
            a.Join();
            b.Start();
            b.Join();
        }
    }
}
