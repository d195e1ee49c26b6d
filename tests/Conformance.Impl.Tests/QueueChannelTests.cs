using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing;
using NUnit.Framework;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests;

/// <summary>
/// The Queue's byte channel (a 64 KiB pipe in shared memory) must behave like CPython's pipe: items larger than the
/// channel, fast-path and general items mixed, no read-ahead between consumer processes, and a writer that blocks at
/// exit while more than the capacity is unread.
/// </summary>
public class QueueChannelTests : ImplTestBase
{
    public static void PutMixed(Queue q)
    {
        for (var i = 0; i < 5; i++)
        {
            q.Put(i);
            q.Put(Big(i));
            q.Put(new List<string> { "s" + i, new string('z', 70_000) });
            q.Put(new byte[] { (byte)i });
        }
    }

    public static void TakeOne(Queue q, Queue results) => results.Put(q.Get(timeout: 10));

    public static void PutAndExit(Queue q, int bytes) => q.Put(new byte[bytes]);

    private static byte[] Big(int seed)
    {
        var b = new byte[1 << 20];
        for (var i = 0; i < b.Length; i++) b[i] = (byte)(i * 31 + seed);
        return b;
    }

    [Test]
    public void Items_larger_than_the_channel_arrive_whole_and_in_order()
    {
        var q = new Queue();
        var p = new Process(PutMixed, [q]);
        p.Start();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(q.Get(timeout: 20), Is.EqualTo(i));
            Assert.That(((byte[])q.Get(timeout: 20)!).SequenceEqual(Big(i)), Is.True);
            Assert.That(q.Get(timeout: 20), Is.EqualTo(new List<string> { "s" + i, new string('z', 70_000) }));
            Assert.That(q.Get(timeout: 20), Is.EqualTo(new byte[] { (byte)i }));
        }
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void A_consumer_process_takes_only_the_item_it_gets()
    {
        var q = new Queue();
        var results = new Queue();
        for (var i = 0; i < 100; i++) q.Put(i);
        while (q.Empty()) System.Threading.Thread.Sleep(10); // the feeder has written
        var p = new Process(TakeOne, [q, results]);
        p.Start();
        Assert.That(results.Get(timeout: 20), Is.EqualTo(0));
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
        for (var i = 1; i < 100; i++) Assert.That(q.Get(timeout: 5), Is.EqualTo(i));
        Assert.That(q.Empty(), Is.True);
    }

    [Test]
    public void A_child_that_put_more_than_the_capacity_waits_at_exit_until_it_is_read()
    {
        var q = new Queue();
        var p = new Process(PutAndExit, [q, 1 << 20]);
        p.Start();
        p.Join(1.5);
        Assert.That(p.IsAlive, Is.True, "the feeder cannot flush 1 MiB into a 64 KiB channel nobody reads");
        Assert.That(((byte[])q.Get(timeout: 10)!).Length, Is.EqualTo(1 << 20));
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }
}
