using System;
using System.Collections.Generic;
using System.Diagnostics;
using Multiprocessing;
using NUnit.Framework;
using Lock = Multiprocessing.Lock;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests;

public class QueueTests : ImplTestBase
{
    [Test]
    public void Put_get_and_sizes()
    {
        var q = new Queue();
        Assert.That(q.MaxSize, Is.EqualTo(int.MaxValue));
        Assert.That(q.Full(), Is.False);
        q.Put(1);
        Assert.That(q.QSize(), Is.EqualTo(1));
        q.Put("two");
        q.PutNowait(new[] { 3 });
        Assert.That(q.Get(), Is.EqualTo(1));
        Assert.That(q.Get(timeout: 5), Is.EqualTo("two"));
        Assert.That(q.Get(), Is.EqualTo(new[] { 3 }));
        Assert.That(q.QSize(), Is.EqualTo(0));
        Assert.That(Assert.Throws<Empty>(() => q.Get(false))!.Message, Is.EqualTo(""));
        Assert.Throws<Empty>(() => q.GetNowait());
        Assert.Throws<Empty>(() => q.Get(true, -1));
        var sw = Stopwatch.StartNew();
        Assert.Throws<Empty>(() => q.Get(true, 0.3));
        Assert.That(sw.Elapsed.TotalSeconds, Is.InRange(0.25, 3));
        Assert.That(q.Empty(), Is.True);
    }

    [Test]
    public void Bounded_queue_raises_Full()
    {
        var q = new Queue(1);
        q.Put(1);
        Assert.That(q.Full(), Is.True);
        Assert.That(Assert.Throws<Full>(() => q.Put(2, false))!.Message, Is.EqualTo(""));
        Assert.Throws<Full>(() => q.PutNowait(2));
        Assert.Throws<Full>(() => q.Put(2, true, -1));
        var sw = Stopwatch.StartNew();
        Assert.Throws<Full>(() => q.Put(2, true, 0.3));
        Assert.That(sw.Elapsed.TotalSeconds, Is.GreaterThan(0.25));
        Assert.That(q.Get(timeout: 5), Is.EqualTo(1));
        q.Put(2, false);
    }

    [Test]
    public void Closed_queue_errors()
    {
        var q = new Queue();
        var e = Assert.Throws<AssertionError>(() => q.JoinThread());
        Assert.That(e!.Message, Does.Match(@"^Queue <multiprocessing\.queues\.Queue object at 0x[0-9a-f]+> not closed$"));
        q.Put(1);
        q.Close();
        q.Close();
        q.JoinThread();
        Assert.That(Assert.Throws<ValueError>(() => q.Put(2))!.Message,
            Does.Match(@"^Queue <multiprocessing\.queues\.Queue object at 0x[0-9a-f]+> is closed$"));
        Assert.Throws<ValueError>(() => q.Get());
    }

    [Test]
    public void Close_flush_closes_this_process_reader_only_once_a_feeder_ran()
    {
        // CPython's feeder closes the reader end when it has flushed close()'s sentinel; a queue that never started
        // a feeder keeps its reader.
        var q = new Queue();
        q.Put(1);
        q.Close();
        q.JoinThread();
        Assert.That(q.QSize(), Is.EqualTo(1));
        Assert.That(Assert.Throws<OSError>(() => q.Empty())!.Message, Is.EqualTo("handle is closed"));
        var unused = new Queue();
        unused.Close();
        unused.JoinThread();
        Assert.That(unused.Empty(), Is.True);
    }

    [Test]
    public void Queue_classes_show_CPython_modules()
    {
        // type(q) as a scenario prints it: <class 'multiprocessing.queues.Queue'>, not the C# class name alone.
        Assert.That(Multiprocessing.Python.PyType.Of(new Queue()).PyRepr(), Is.EqualTo("<class 'multiprocessing.queues.Queue'>"));
        Assert.That(Multiprocessing.Python.PyType.Of(new JoinableQueue()).PyRepr(), Is.EqualTo("<class 'multiprocessing.queues.JoinableQueue'>"));
        Assert.That(Multiprocessing.Python.PyType.Of(new SimpleQueue()).PyRepr(), Is.EqualTo("<class 'multiprocessing.queues.SimpleQueue'>"));
        Assert.That(Multiprocessing.Python.PyType.Of(new Event()).PyRepr(), Is.EqualTo("<class 'multiprocessing.synchronize.Event'>"));
    }

    private sealed class Unpicklable : Multiprocessing.Python.IPyUnpicklable
    {
        public Exception PicklingError() =>
            new PicklingError("Can't pickle <function <lambda> at 0x1>: attribute lookup <lambda> on __main__ failed");
    }

    [Test]
    public void Feeder_prints_CPython_last_traceback_line_and_keeps_working()
    {
        // CPython's feeder prints traceback.print_exc(): its last line is the error as CPython names it.
        var saved = Console.Error;
        var captured = new System.IO.StringWriter();
        Console.SetError(captured);
        try
        {
            var q = new Queue(1);
            q.Put(new Unpicklable());
            q.Put(7, true, 10); // the feeder released the dropped item's slot
            Assert.That(q.Get(timeout: 10), Is.EqualTo(7));
        }
        finally
        {
            Console.SetError(saved);
        }
        var lines = captured.ToString().TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("Traceback (most recent call last):"));
        Assert.That(lines[^1], Is.EqualTo("_pickle.PicklingError: Can't pickle <function <lambda> at 0x1>: attribute lookup <lambda> on __main__ failed"));
        Assert.That(Assert.Throws<PicklingError>(() => new SimpleQueue().Put(new List<object?> { 1, new Unpicklable() }))!.Message,
            Does.StartWith("Can't pickle <function <lambda>"));
    }

    [Test]
    public void Lock_in_a_queue_item_is_refused_by_the_feeder()
    {
        var q = new Queue();
        q.Put(new Lock());
        q.Put(7);
        Assert.That(q.Get(timeout: 5), Is.EqualTo(7));
        var e = Assert.Throws<RuntimeError>(() => Pickler.Dumps(new Lock()));
        Assert.That(e!.Message, Is.EqualTo("Lock objects should only be shared between processes through inheritance"));
        Assert.That(Assert.Throws<RuntimeError>(() => Pickler.Dumps(q))!.Message,
            Is.EqualTo("Queue objects should only be shared between processes through inheritance"));
    }

    [Test]
    public void Items_from_a_child_arrive_in_order()
    {
        var q = new Queue();
        var p = new Process(Targets.PutRange, [q, 500]);
        p.Start();
        for (var i = 0; i < 500; i++) Assert.That(q.Get(timeout: 20), Is.EqualTo(i));
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Round_trip_through_a_child()
    {
        var input = new Queue();
        var output = new Queue();
        var p = new Process(Targets.Echo, [input, output]);
        p.Start();
        input.Put("a");
        input.Put(2.5);
        input.Put(new System.Collections.Generic.List<string> { "x", "y" });
        input.Put(null);
        Assert.That(output.Get(timeout: 20), Is.EqualTo("a"));
        Assert.That(output.Get(timeout: 20), Is.EqualTo(2.5));
        Assert.That(output.Get(timeout: 20), Is.EqualTo(new System.Collections.Generic.List<string> { "x", "y" }));
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void JoinableQueue_task_done_and_join()
    {
        var jq = new JoinableQueue();
        Assert.That(Assert.Throws<ValueError>(() => jq.TaskDone())!.Message, Is.EqualTo("task_done() called too many times"));
        jq.Join();
        jq.Put("a");
        jq.TaskDone();
        jq.Join();
        Assert.That(jq.Get(timeout: 5), Is.EqualTo("a"));

        var results = new Queue();
        var p = new Process(Targets.DoTasks, [jq, results]);
        p.Start();
        jq.Put(1);
        jq.Put(2);
        jq.Put(3);
        jq.Join();
        Assert.That(results.QSize(), Is.EqualTo(3));
        p.Join(10);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }
}
