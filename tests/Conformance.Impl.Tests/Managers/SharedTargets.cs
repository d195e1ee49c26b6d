using Multiprocessing;

namespace Conformance.Impl.Tests.Managers;

/// <summary>Static targets the manager's Value, Array and Barrier tests run in child processes.</summary>
public static class SharedTargets
{
    public static void AddUnderLock(ValueProxy v, AcquirerProxy lk, long times)
    {
        for (var i = 0; i < times; i++)
        {
            using (lk.Enter()) v.Value = (long)v.Value! + 1;
        }
    }

    public static void Double(ArrayProxy a)
    {
        for (var i = 0L; i < a.Count; i++) a[i] = (long)a[i]! * 2;
    }

    public static void WaitAndRecord(BarrierProxy b, ListProxy indices) => indices.Append(b.Wait(20));

    public static void WaitExpectBroken(BarrierProxy b, ListProxy outcome)
    {
        try
        {
            b.Wait(20);
            outcome.Append("passed");
        }
        catch (BrokenBarrierError)
        {
            outcome.Append("BrokenBarrierError");
        }
    }
}
