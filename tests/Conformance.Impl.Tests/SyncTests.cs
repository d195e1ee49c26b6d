using System.Diagnostics;
using System.Threading;
using Multiprocessing;
using NUnit.Framework;
using Lock = Multiprocessing.Lock;
using Process = Multiprocessing.Process;
using Semaphore = Multiprocessing.Semaphore;

namespace Conformance.Impl.Tests;

public class SyncTests : ImplTestBase
{
    [Test]
    public void Lock_semantics_and_messages()
    {
        using var l = new Lock();
        Assert.That(l.ToString(), Is.EqualTo("<Lock(owner=None)>"));
        Assert.That(l.Acquire(), Is.True);
        Assert.That(l.ToString(), Does.StartWith("<Lock(owner=MainProcess"));
        Assert.That(l.Acquire(false), Is.False);
        Assert.That(l.Acquire(timeout: -1), Is.False);
        Assert.That(l.Acquire(false, 5), Is.False);
        var sw = Stopwatch.StartNew();
        Assert.That(l.Acquire(true, 0.2), Is.False);
        Assert.That(sw.Elapsed.TotalSeconds, Is.InRange(0.15, 2));
        l.Release();
        var e = Assert.Throws<ValueError>(() => l.Release());
        Assert.That(e!.Message, Is.EqualTo("semaphore or lock released too many times"));
        using (var scope = l.Enter()) Assert.That(scope.Value, Is.True);
        Assert.That(l.Acquire(false), Is.True, "released at the end of the with block");
        l.Release();
    }

    [Test]
    public void RLock_is_recursive_and_checks_the_owner()
    {
        using var r = new RLock();
        Assert.That(r.ToString(), Is.EqualTo("<RLock(None, 0)>"));
        var e = Assert.Throws<AssertionError>(() => r.Release());
        Assert.That(e!.Message, Is.EqualTo("attempt to release recursive lock not owned by thread"));
        Assert.That(r.Acquire(), Is.True);
        Assert.That(r.Acquire(false), Is.True);
        Assert.That(r.Acquire(), Is.True);
        Assert.That(r.ToString(), Does.Match(@"^<RLock\(MainProcess(\|.*)?, 3\)>$"));
        bool? other = null;
        AssertionError? otherRelease = null;
        var t = new Thread(() =>
        {
            other = r.Acquire(timeout: 0.1);
            try { r.Release(); } catch (AssertionError x) { otherRelease = x; }
        });
        t.Start();
        t.Join();
        Assert.That(other, Is.False);
        Assert.That(otherRelease?.Message, Is.EqualTo("attempt to release recursive lock not owned by thread"));
        r.Release();
        r.Release();
        r.Release();
        Assert.That(r.ToString(), Is.EqualTo("<RLock(None, 0)>"));
    }

    [Test]
    public void Semaphore_and_BoundedSemaphore()
    {
        using var s = new Semaphore(2);
        Assert.That(s.GetValue(), Is.EqualTo(2));
        Assert.That(s.ToString(), Is.EqualTo("<Semaphore(value=2)>"));
        Assert.That(s.Acquire(), Is.True);
        Assert.That(s.Acquire(), Is.True);
        Assert.That(s.Acquire(false), Is.False);
        for (var i = 0; i < 4; i++) s.Release();
        Assert.That(s.GetValue(), Is.EqualTo(4));

        var err = Assert.Throws<OSError>(() => _ = new Semaphore(-1));
        Assert.That(err!.Message, Is.EqualTo("[Errno 22] Invalid argument"));

        using var b = new BoundedSemaphore(2);
        Assert.That(b.ToString(), Is.EqualTo("<BoundedSemaphore(value=2, maxvalue=2)>"));
        Assert.That(Assert.Throws<ValueError>(() => b.Release())!.Message, Is.EqualTo("semaphore or lock released too many times"));
        using var zero = new BoundedSemaphore(0);
        Assert.Throws<ValueError>(() => zero.Release());
    }

    [Test]
    public void Condition_messages_wait_and_wait_for()
    {
        var c = new Condition();
        Assert.That(Assert.Throws<AssertionError>(() => c.Wait(0.1))!.Message, Is.EqualTo("must acquire() condition before using wait()"));
        Assert.That(Assert.Throws<AssertionError>(() => c.Notify())!.Message, Is.EqualTo("lock is not owned"));
        Assert.That(Assert.Throws<AssertionError>(() => c.NotifyAll())!.Message, Is.EqualTo("lock is not owned"));
        Assert.That(c.ToString(), Is.EqualTo("<Condition(<RLock(None, 0)>, 0)>"));
        using (c.Enter())
        {
            Assert.That(c.Wait(0), Is.False);
            var sw = Stopwatch.StartNew();
            Assert.That(c.Wait(0.2), Is.False);
            Assert.That(sw.Elapsed.TotalSeconds, Is.GreaterThan(0.15));
            Assert.That(c.WaitFor(() => "x"), Is.EqualTo("x"));
            Assert.That(c.WaitFor(() => 0, 0.2), Is.EqualTo(0));
            Assert.That(c.WaitFor(() => new System.Collections.Generic.List<int>(), 0), Is.Empty);
            c.Notify();
        }
        var plain = new Condition(new Lock());
        using (plain.Enter()) Assert.That(plain.Wait(0.05), Is.False);
    }

    [Test]
    public void Event_semantics()
    {
        var e = new Event();
        Assert.That(e.IsSet(), Is.False);
        Assert.That(e.ToString(), Does.Match("^<Event at 0x[0-9a-f]+ unset>$"));
        Assert.That(e.Wait(0), Is.False);
        var sw = Stopwatch.StartNew();
        Assert.That(e.Wait(0.2), Is.False);
        Assert.That(sw.Elapsed.TotalSeconds, Is.GreaterThan(0.15));
        e.Set();
        e.Set();
        Assert.That(e.IsSet(), Is.True);
        Assert.That(e.Wait(), Is.True);
        e.Clear();
        Assert.That(e.IsSet(), Is.False);
    }

    [Test]
    public void Lock_held_by_a_child_blocks_the_parent()
    {
        var l = new Lock();
        var acquired = new Event();
        var release = new Event();
        var p = new Process(Targets.HoldLock, [l, acquired, release]);
        p.Start();
        Assert.That(acquired.Wait(20), Is.True);
        Assert.That(l.Acquire(timeout: 0.1), Is.False);
        Assert.That(l.ToString(), Is.EqualTo("<Lock(owner=SomeOtherProcess)>"));
        release.Set();
        Assert.That(l.Acquire(timeout: 10), Is.True);
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Event_set_in_a_child_wakes_the_parent()
    {
        var e = new Event();
        var p = new Process(Targets.SetEvent, [e]);
        p.Start();
        Assert.That(e.Wait(20), Is.True);
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Semaphore_is_shared_with_a_child()
    {
        var s = new Semaphore(3);
        var q = new Queue();
        var p = new Process(Targets.SemaphoreWorker, [s, q]);
        p.Start();
        Assert.That(q.Get(timeout: 20), Is.EqualTo(2));
        p.Join(10);
        Assert.That(s.GetValue(), Is.EqualTo(2));
    }

    [Test]
    public void Condition_notify_wakes_a_waiter_in_a_child()
    {
        var c = new Condition();
        var q = new Queue();
        var p = new Process(Targets.ConditionWaiter, [c, q]);
        p.Start();
        Assert.That(q.Get(timeout: 20), Is.EqualTo("waiting"));
        using (c.Enter())
        {
            // The child has released the lock inside wait() once we can take it.
            c.Notify();
        }
        Assert.That(q.Get(timeout: 20), Is.EqualTo(true));
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }
}
