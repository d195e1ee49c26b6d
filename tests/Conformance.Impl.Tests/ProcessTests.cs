using System.Diagnostics;
using Multiprocessing;
using NUnit.Framework;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests;

public class ProcessTests : ImplTestBase
{
    [Test]
    public void Main_process_identity()
    {
        var me = Mp.CurrentProcess();
        Assert.That(me.Name, Is.EqualTo("MainProcess"));
        Assert.That(me.IsAlive, Is.True);
        Assert.That(me.ToString(), Is.EqualTo("<_MainProcess name='MainProcess' parent=None started>"));
        Assert.That(Mp.ParentPid(), Is.Null);
        Assert.That(Mp.CpuCount(), Is.GreaterThan(0));
    }

    [Test]
    public void Names_take_the_counter_at_construction()
    {
        var a = new Process(Targets.Nothing);
        var n = a.Identity[0];
        Assert.That(a.Name, Is.EqualTo($"Process-{n}"));
        var unused = new Process(Targets.Nothing, name: "Custom");
        Assert.That(unused.Name, Is.EqualTo("Custom"));
        Assert.That(unused.Identity[0], Is.EqualTo(n + 1));
        var c = new Process(Targets.Nothing);
        Assert.That(c.Name, Is.EqualTo($"Process-{n + 2}"));
        var q = new Queue();
        var consumer = new Consumer(q, 2);
        Assert.That(consumer.Name, Is.EqualTo($"Consumer-{n + 3}"));
    }

    [Test]
    public void Before_start_errors_and_repr()
    {
        var p = new Process(Targets.Nothing);
        Assert.That(p.Pid, Is.Null);
        Assert.That(p.ExitCode, Is.Null);
        Assert.That(p.IsAlive, Is.False);
        Assert.That(p.ToString(), Does.Match(@"^<Process name='Process-\d+' parent=\d+ initial>$"));
        Assert.That(Assert.Throws<AssertionError>(() => p.Join())!.Message, Is.EqualTo("can only join a started process"));
        Assert.That(Assert.Throws<AttributeError>(() => p.Terminate())!.Message, Is.EqualTo("'NoneType' object has no attribute 'terminate'"));
        Assert.That(Assert.Throws<AttributeError>(() => p.Kill())!.Message, Is.EqualTo("'NoneType' object has no attribute 'kill'"));
    }

    [Test]
    public void Exit_code_zero_and_lifecycle()
    {
        var p = new Process(Targets.Nothing);
        p.Start();
        Assert.That(Assert.Throws<AssertionError>(() => p.Start())!.Message, Is.EqualTo("cannot start a process twice"));
        Assert.That(Assert.Throws<AssertionError>(() => p.Daemon = true)!.Message, Is.EqualTo("process has already started"));
        Assert.That(p.Pid, Is.GreaterThan(0));
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(0));
        Assert.That(p.IsAlive, Is.False);
        p.Join();
        Assert.That(p.ToString(), Does.Match(@"^<Process name='Process-\d+' pid=\d+ parent=\d+ stopped exitcode=0>$"));
        p.Close();
        Assert.That(Assert.Throws<ValueError>(() => _ = p.ExitCode)!.Message, Is.EqualTo("process object is closed"));
    }

    [Test]
    public void Exception_gives_exit_code_1_and_sys_exit_codes()
    {
        var p = new Process(Targets.Raise);
        p.Start();
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(1));
        var e = new Process(Targets.ExitWith, [3]);
        e.Start();
        e.Join(20);
        Assert.That(e.ExitCode, Is.EqualTo(3));
        var wrap = new Process(Targets.ExitWith, [256]);
        wrap.Start();
        wrap.Join(20);
        Assert.That(wrap.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Terminate_and_kill_give_negative_signal_numbers()
    {
        var t = new Process(Targets.Sleep, [30.0]);
        var k = new Process(Targets.Sleep, [30.0], daemon: true);
        t.Start();
        k.Start();
        Assert.That(t.IsAlive, Is.True);
        var sw = Stopwatch.StartNew();
        t.Join(0.3);
        Assert.That(sw.Elapsed.TotalSeconds, Is.InRange(0.25, 5));
        Assert.That(t.ExitCode, Is.Null);
        Assert.That(Assert.Throws<ValueError>(() => t.Close())!.Message,
            Is.EqualTo("Cannot close a process while it is still running. You should first call join() or terminate()."));
        Assert.That(k.ToString(), Does.EndWith(" started daemon>"));
        t.Terminate();
        k.Kill();
        t.Join(20);
        k.Join(20);
        Assert.That(t.ExitCode, Is.EqualTo(-15));
        Assert.That(k.ExitCode, Is.EqualTo(-9));
        Assert.That(t.ToString(), Does.Contain("exitcode=-SIGTERM"));
        t.Terminate();
        Assert.That(t.ExitCode, Is.EqualTo(-15));
    }

    [Test]
    public void Child_sees_its_name_and_parent()
    {
        var q = new Queue();
        var p = new Process(Targets.ReportName, [q], name: "Custom");
        p.Start();
        Assert.That(q.Get(timeout: 20), Is.EqualTo(new[] { "Custom", "MainProcess", "child" }));
        p.Join(10);
    }

    [Test]
    public void A_child_repr_of_its_current_process_has_no_pid()
    {
        var q = new Queue();
        var p = new Process(Targets.ReportRepr, [q], name: "Custom", daemon: true);
        p.Start();
        Assert.That(q.Get(timeout: 20), Is.EqualTo($"<Process name='Custom' parent={System.Environment.ProcessId} started daemon>"));
        p.Join(10);
    }

    [Test]
    public void A_context_Process_is_a_SpawnProcess_from_the_same_counter()
    {
        var plain = new Process(Targets.Nothing);
        var n = plain.Identity[0];
        var spawned = Mp.GetContext("spawn").Process(Targets.Nothing);
        var custom = Mp.GetContext("spawn").Process(Targets.Nothing, name: "Custom");
        Assert.That(spawned.Name, Is.EqualTo($"SpawnProcess-{n + 1}"));
        Assert.That(spawned.ToString(), Does.Match(@"^<SpawnProcess name='SpawnProcess-\d+' parent=\d+ initial>$"));
        Assert.That(custom.Name, Is.EqualTo("Custom"));
        Assert.That(custom.Identity[0], Is.EqualTo(n + 2));
        var q = new Queue();
        var child = Mp.GetContext("spawn").Process(Targets.ReportName, [q]);
        child.Start();
        Assert.That(((string[])q.Get(timeout: 20)!)[0], Is.EqualTo(child.Name));
        child.Join(10);
    }

    [Test]
    public void Subclass_with_overridden_run_carries_its_fields()
    {
        var q = new Queue();
        var c = new Consumer(q, 2);
        c.Start();
        Assert.That(q.Get(timeout: 20), Is.EqualTo($"{c.Name}=42"));
        c.Join(10);
        Assert.That(c.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Capturing_lambda_is_refused_at_start()
    {
        var x = 5;
        var p = new Process(() => System.Console.WriteLine(x));
        var e = Assert.Throws<PicklingError>(() => p.Start());
        Assert.That(e!.Message, Does.Contain("captures"));
        Assert.That(p.IsAlive, Is.False);
    }

    [Test]
    public void Non_capturing_lambda_runs_in_the_child()
    {
        var p = new Process((int code) => Mp.Exit(code), [7]);
        p.Start();
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(7));
    }

    [Test]
    public void Allowed_user_types_and_collections_cross_to_the_child()
    {
        var q = new Queue();
        var p = new Process(Targets.SendPayload, [q, new Payload { Text = "t", Number = 4 },
            new System.Collections.Generic.List<int> { 1, 2, 3 }, new System.Collections.Generic.Dictionary<string, double> { ["pi"] = 3.5 }]);
        p.Start();
        Assert.That(q.Get(timeout: 20), Is.EqualTo("t:4:3:3.5"));
        p.Join(10);
    }
}
