using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing;
using Multiprocessing.Python;
using NUnit.Framework;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests.Managers;

/// <summary>The SyncManager's Value, Array and Barrier typeids: managers.Value, array.array and threading.Barrier in impl's server.</summary>
public sealed class ManagerSharedTests : ImplTestBase
{
    private static void RunAll(IEnumerable<Process> jobs)
    {
        var list = jobs.ToList();
        foreach (var p in list) p.Start();
        foreach (var p in list)
        {
            p.Join(30);
            Assert.That(p.ExitCode, Is.EqualTo(0), $"{p.Name} did not exit 0");
        }
    }

    [Test]
    public void ValueIsAPlainHolderSharedByChildren()
    {
        using var m = Mp.Manager();
        var v = m.Value("i", 0L);
        var lk = m.Lock();
        RunAll(Enumerable.Range(0, 3).Select(_ => new Process(SharedTargets.AddUnderLock, [v, lk, 20L])));
        Assert.That(v.Value, Is.EqualTo(60L));
        Assert.That(PyRepr.Str(v), Is.EqualTo("Value('i', 60)"));
        Assert.That(PyRepr.Repr(v), Does.Match(@"^<ValueProxy object, typeid 'Value' at 0x[0-9a-f]+>$"));
        v.Set("not an int");                      // CPython's managers.Value never checks its typecode
        Assert.That(v.Get(), Is.EqualTo("not an int"));
        Assert.That(Assert.Throws<RemoteError>(() => v.CallMethod("__getattribute__", ["_value"]))!.RemoteTraceback,
            Does.Contain("method '__getattribute__' of <class 'Value'> object is not in exposed"), "only get and set are exposed, as CPython's ValueProxy");
    }

    [Test]
    public void ArrayIsAnArrayArrayWrittenByAChild()
    {
        using var m = Mp.Manager();
        var a = m.Array("i", new List<object?> { 1L, 2L, 3L });
        RunAll([new Process(SharedTargets.Double, [a])]);
        Assert.That(a.ToList(), Is.EqualTo(new object?[] { 2L, 4L, 6L }));
        Assert.That((a.Count, a[-1], PyRepr.Str(a)), Is.EqualTo((3, (object?)6L, "array('i', [2, 4, 6])")));

        Exception Err(Action f) => Assert.Catch(() => f())!;
        (string, string) Of(Exception e) => (PyErrors.Name(e), PyErrors.Str(e));
        Assert.That(Of(Err(() => _ = a[3])), Is.EqualTo(("IndexError", "array index out of range")));
        Assert.That(Of(Err(() => a[3] = 1L)), Is.EqualTo(("IndexError", "array assignment index out of range")));
        Assert.That(Of(Err(() => a[0] = 1L << 31)), Is.EqualTo(("OverflowError", "signed integer is greater than maximum")));
        Assert.That(Of(Err(() => a[0] = 2.5)), Is.EqualTo(("TypeError", "'float' object cannot be interpreted as an integer")));
        Assert.That(Of(Err(() => a.CallMethod("__getitem__", ["x"]))), Is.EqualTo(("TypeError", "array indices must be integers")));
        // A failure of create comes back as RemoteError (the server's traceback), as CPython's does.
        string Create(string tc, long item) => Assert.Throws<RemoteError>(() => m.Array(tc, new List<object?> { item }))!.RemoteTraceback;
        Assert.That(Create("z", 1), Does.Contain("ValueError: bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"));
        Assert.That(Create("B", -1), Does.Contain("OverflowError: unsigned byte integer is less than minimum"));
        Assert.That(Create("Q", -1), Does.Contain("OverflowError: can't convert negative int to unsigned"));
        Assert.That(Create("h", 1 << 15), Does.Contain("OverflowError: signed short integer is greater than maximum"));
        Assert.That(Assert.Throws<RemoteError>(() => a.CallMethod("append", [1L]))!.RemoteTraceback, Does.Contain("is not in exposed"));
        var f = m.Array("f", new List<object?> { 0.1, 1L });
        Assert.That(f.ToList(), Is.EqualTo(new object?[] { (double)0.1f, 1.0 }), "'f' stores a C float");
        Assert.That(PyRepr.Str(m.Array("d", new List<object?>())), Is.EqualTo("array('d')"));
        Assert.That(a[1], Is.EqualTo(4L), "the proxy goes on working after each error");
    }

    [Test]
    public void BarrierGivesEachProcessOneIndex()
    {
        using var m = Mp.Manager();
        var b = m.Barrier(4);
        var indices = m.List();
        RunAll(Enumerable.Range(0, 4).Select(_ => new Process(SharedTargets.WaitAndRecord, [b, indices])));
        Assert.That(indices.ToList().Select(x => (long)x!).Order(), Is.EqualTo(new[] { 0L, 1L, 2L, 3L }));
        Assert.That((b.Parties, b.NWaiting, b.Broken), Is.EqualTo((4L, 0L, false)));
        Assert.That(PyRepr.Str(b), Does.Match(@"^<threading\.Barrier at 0x[0-9a-f]+: waiters=0/4>$"));
    }

    [Test]
    public void AbortBreaksAWaitingChildAndResetRepairs()
    {
        using var m = Mp.Manager();
        var b = m.Barrier(2);
        var outcome = m.List();
        var p = new Process(SharedTargets.WaitExpectBroken, [b, outcome]);
        p.Start();
        var deadline = Environment.TickCount64 + 20_000;
        while (b.NWaiting == 0 && Environment.TickCount64 < deadline) System.Threading.Thread.Sleep(5); // until the child waits
        Assert.That(b.NWaiting, Is.EqualTo(1L));
        b.Abort();
        p.Join(30);
        Assert.That(p.ExitCode, Is.EqualTo(0));
        Assert.That(outcome.ToList(), Is.EqualTo(new object?[] { "BrokenBarrierError" }));
        Assert.That(b.Broken, Is.True);
        Assert.Throws<BrokenBarrierError>(() => b.Wait(5));
        b.Reset();
        Assert.That(b.Broken, Is.False);
        Assert.Throws<BrokenBarrierError>(() => b.Wait(0.05), "a timeout breaks it");
        Assert.That(b.Broken, Is.True);
    }
}
