using System.Collections.Generic;
using System.Linq;
using Multiprocessing;
using NUnit.Framework;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests.Shared;

public class BarrierQueueContextTests : ImplTestBase
{
    [Test]
    public void Barrier_gives_each_waiter_an_index_and_runs_the_action_once()
    {
        var counter = Mp.Value("i");
        var b = new Barrier(3, new System.Action<SharedValue>(SharedTargets.Action), actionArgs: [counter]);
        var results = new SimpleQueue();
        var ps = Enumerable.Range(0, 2).Select(_ => new Process(SharedTargets.WaitOnBarrier, [b, results, 20.0])).ToList();
        ps.ForEach(p => p.Start());
        var mine = b.Wait(20);
        var all = new List<object?> { (long)mine, results.Get(), results.Get() };
        ps.ForEach(p => p.Join(20));
        Assert.That(all.Select(x => System.Convert.ToInt64(x)).OrderBy(x => x), Is.EqualTo(new long[] { 0, 1, 2 }));
        Assert.That(counter.Value, Is.EqualTo(1L));
        Assert.That(b.Broken, Is.False);
        Assert.That(b.NWaiting, Is.EqualTo(0));
        Assert.That(b.Parties, Is.EqualTo(3));
        Assert.That(b.ToString(), Does.Match(@"^<multiprocessing\.synchronize\.Barrier at 0x[0-9a-f]+: waiters=0/3>$"));
    }

    [Test]
    public void A_timeout_breaks_the_barrier_and_abort_breaks_it_for_every_waiter()
    {
        var b = new Barrier(2);
        Assert.Throws<BrokenBarrierError>(() => b.Wait(0.1));
        Assert.That(b.Broken, Is.True);
        Assert.Throws<BrokenBarrierError>(() => b.Wait());
        b.Reset();
        Assert.That(b.Broken, Is.False);

        var b3 = new Barrier(3);
        var results = new SimpleQueue();
        var ps = Enumerable.Range(0, 2).Select(_ => new Process(SharedTargets.WaitOnBarrier, [b3, results, 20.0])).ToList();
        ps.ForEach(p => p.Start());
        for (var i = 0; i < 2000 && b3.NWaiting < 2; i++) System.Threading.Thread.Sleep(10);
        Assert.That(b3.NWaiting, Is.EqualTo(2));
        b3.Abort();
        Assert.That(new[] { results.Get(), results.Get() }, Is.All.EqualTo("broken"));
        ps.ForEach(p => p.Join(20));
        var e = Assert.Throws<BrokenBarrierError>(() => b3.Wait());
        Assert.That(e!.Message, Is.Empty);
        Assert.That(e, Is.InstanceOf<RuntimeError>());
    }

    [Test]
    public void SimpleQueue_carries_items_between_processes_and_closes_like_cpythons()
    {
        var input = new SimpleQueue();
        var output = new SimpleQueue();
        Assert.That(input.Empty(), Is.True);
        var p = new Process(SharedTargets.Echo, [input, output]);
        p.Start();
        input.Put(1L);
        input.Put(SharedTargets.Items("a", 2.5));
        input.Put("stop");
        Assert.That(output.Get(), Is.EqualTo(1L));
        Assert.That(output.Get(), Is.EqualTo(SharedTargets.Items("a", 2.5)));
        Assert.That(output.Get(), Is.EqualTo("done"));
        p.Join(20);
        output.Close();
        Assert.That(Assert.Throws<OSError>(() => output.Put(1L))!.Message, Is.EqualTo("handle is closed"));
        Assert.That(Assert.Throws<OSError>(() => output.Get())!.Message, Is.EqualTo("handle is closed"));
    }

    [Test]
    public void Process_kwargs_bind_the_targets_parameters_by_name()
    {
        var q = new SimpleQueue();
        var p = new Process(SharedTargets.Keywords, [q, 1], new Dictionary<string, object?> { ["c"] = 7L });
        p.Start();
        Assert.That(q.Get(), Is.EqualTo("1 default 7"));
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Contexts_are_spawn_only_with_cpythons_errors()
    {
        Assert.That(Mp.GetContext("spawn").GetStartMethod(), Is.EqualTo("spawn"));
        Assert.That(Mp.GetContext().ToString(), Does.StartWith("<multiprocessing.context.SpawnContext object at 0x"));
        Assert.That(Assert.Throws<ValueError>(() => Mp.GetContext("fork"))!.Message, Is.EqualTo("cannot find context for 'fork'"));
        Assert.That(Assert.Throws<ValueError>(() => Mp.GetContext("x"))!.Message, Is.EqualTo("cannot find context for 'x'"));
        Mp.SetStartMethod("spawn", force: true);
        Assert.That(Mp.GetStartMethod(), Is.EqualTo("spawn"));
        Assert.That(Assert.Throws<RuntimeError>(() => Mp.SetStartMethod("spawn"))!.Message, Is.EqualTo("context has already been set"));
        Assert.That(Assert.Throws<ValueError>(() => Mp.SetStartMethod("forkserver", force: true))!.Message, Is.EqualTo("cannot find context for 'forkserver'"));
        Assert.That(Mp.GetAllStartMethods(), Is.EqualTo(new[] { "spawn" }));
    }
}
