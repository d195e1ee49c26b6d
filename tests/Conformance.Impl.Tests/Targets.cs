using System;
using System.Threading;
using Multiprocessing;
using Lock = Multiprocessing.Lock;
using Semaphore = Multiprocessing.Semaphore;

namespace Conformance.Impl.Tests;

/// <summary>Static targets run in child processes (the child re-runs the test host with a startup hook).</summary>
public static class Targets
{
    public static void Nothing()
    {
    }

    public static void Raise() => throw new InvalidOperationException("boom");

    public static void Sleep(double seconds) => Thread.Sleep(TimeSpan.FromSeconds(seconds));

    public static void ExitWith(int code) => Mp.Exit(code);

    public static void HoldLock(Lock l, Event acquired, Event release)
    {
        l.Acquire();
        acquired.Set();
        release.Wait(20);
        l.Release();
    }

    public static void SetEvent(Event e) => e.Set();

    public static void PutRange(Queue q, int n)
    {
        for (var i = 0; i < n; i++) q.Put(i);
    }

    public static void Echo(Queue input, Queue output)
    {
        while (true)
        {
            var item = input.Get(timeout: 10);
            if (item is null) return;
            output.Put(item);
        }
    }

    public static void ReportName(Queue q)
    {
        var me = Mp.CurrentProcess();
        q.Put(new[] { me.Name, me.ParentName ?? "", Mp.IsMainProcess ? "main" : "child" });
    }

    public static void ReportRepr(Queue q) => q.Put(Mp.CurrentProcess().ToString());

    public static void DoTasks(JoinableQueue q, Queue results)
    {
        for (var i = 0; i < 3; i++)
        {
            var x = (int)q.Get(timeout: 10)!;
            results.Put(x * 10);
            q.TaskDone();
        }
    }

    public static void SemaphoreWorker(Semaphore s, Queue q)
    {
        s.Acquire();
        q.Put(s.GetValue());
    }

    public static void ConditionWaiter(Condition c, Queue q)
    {
        using (c.Enter())
        {
            q.Put("waiting");
            q.Put(c.Wait(15));
        }
    }

    public static void SendPayload(Queue q, Payload p, System.Collections.Generic.List<int> list, System.Collections.Generic.Dictionary<string, double> dict)
    {
        q.Put(p.Text + ":" + p.Number + ":" + list.Count + ":" + dict["pi"]);
    }
}

/// <summary>A user type allowed through [Picklable].</summary>
[Picklable]
public sealed class Payload
{
    public string Text { get; set; } = "";

    public int Number { get; set; }
}

/// <summary>A user type nobody allowed.</summary>
public sealed class Forbidden
{
    public int X { get; set; }
}

/// <summary>A Process subclass like CPython's class Consumer(Process).</summary>
public sealed class Consumer : Multiprocessing.Process
{
    private readonly Queue _q;
    private readonly int _factor;

    public Consumer(Queue q, int factor)
    {
        _q = q;
        _factor = factor;
    }

    public override void Run() => _q.Put(Name + "=" + (21 * _factor));
}
