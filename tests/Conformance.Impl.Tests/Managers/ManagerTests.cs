using System;
using System.Collections.Generic;
using System.IO;
using Multiprocessing;
using Multiprocessing.Python;
using NUnit.Framework;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests.Managers;

public sealed class ManagerTests : ImplTestBase
{
    [Test]
    public void ManagerServesADictToChildren()
    {
        using var m = Mp.Manager();
        Assert.That(m.ServerProcess!.Name, Does.Match(@"^SyncManager-\d+$"));
        var d = m.Dict();
        var jobs = new List<Process>();
        for (var i = 0; i < 5; i++)
        {
            var p = new Process(ManagerTargets.SetItem, [d, (long)i, (long)(i * 2)]);
            p.Start();
            jobs.Add(p);
        }
        foreach (var p in jobs)
        {
            p.Join(20);
            Assert.That(p.ExitCode, Is.EqualTo(0));
        }
        Assert.That(d.Count, Is.EqualTo(5));
        for (var i = 0; i < 5; i++)
            Assert.That(d[(long)i], Is.EqualTo((long)(i * 2)));
        Assert.That(PyRepr.Str(d), Does.StartWith("{").And.Contain("4: 8"));
        Assert.That(PyRepr.Repr(d), Does.Match(@"^<DictProxy object, typeid 'dict' at 0x[0-9a-f]+>$"));
    }

    [Test]
    public void KeyErrorComesBackAsKeyError()
    {
        using var m = Mp.Manager();
        var d = m.Dict();
        var e = Assert.Throws<PyException>(() => _ = d["missing"])!;
        Assert.That(PyErrors.Name(e), Is.EqualTo("KeyError"));
        Assert.That(PyErrors.Str(e), Is.EqualTo("'missing'"));
        Assert.That(d.Get("missing", 7L), Is.EqualTo(7L));
    }

    [Test]
    public void NamespaceSemantics()
    {
        using var m = Mp.Manager();
        var ns = m.Namespace();
        var e = Assert.Throws<AttributeError>(() => ns.GetAttr("value"))!;
        Assert.That(e.Message, Is.EqualTo("'Namespace' object has no attribute 'value'"));
        ns.SetAttr("my_list", new List<object?>());
        var copy = (List<object?>)ns.GetAttr("my_list")!;
        copy.Add("x");
        Assert.That(PyRepr.Repr(ns.GetAttr("my_list")), Is.EqualTo("[]"), "a value read is a copy");
        ns.SetAttr("_private", 1L);
        Assert.That(ns.GetAttr("_private"), Is.EqualTo(1L));
        Assert.That(PyRepr.Str(ns), Is.EqualTo("Namespace(my_list=[])"), "the _ attribute stayed on the proxy");
        var p = new Process(ManagerTargets.SetAttr, [ns, "value", "This is the value"]);
        p.Start();
        p.Join(20);
        Assert.That(ns.GetAttr("value"), Is.EqualTo("This is the value"));
    }

    [Test]
    public void ListProxyOperatorsRunInTheServer()
    {
        // CPython M-10: +, * and the reflected * are the server's list methods; a list cannot add a proxy.
        using var m = Mp.Manager();
        var l = m.List(new List<object?> { 1L, 2L });
        Assert.That(PyOps.Add(l, new List<object?> { 3L }), Is.EqualTo(new List<object?> { 1L, 2L, 3L }));
        Assert.That(PyOps.Mul(l, 2L), Is.EqualTo(new List<object?> { 1L, 2L, 1L, 2L }));
        Assert.That(PyOps.Mul(2L, l), Is.EqualTo(new List<object?> { 1L, 2L, 1L, 2L }));
        var e = Assert.Throws<PyException>(() => PyOps.Add(new List<object?> { 0L }, l))!;
        Assert.That(e.PyType, Is.EqualTo("TypeError"));
        Assert.That(e.Message, Is.EqualTo("can only concatenate list (not \"ListProxy\") to list"));
        Assert.That(PyRepr.Str(l), Is.EqualTo("[1, 2]"));
    }

    [Test]
    public void NestedProxiesAndListSemantics()
    {
        using var m = Mp.Manager();
        var l = m.List(new List<object?> { 1L, 2L });
        var d = m.Dict();
        d["a"] = 1L;
        l.Append(d);
        var inner = l[2];
        Assert.That(inner, Is.InstanceOf<DictProxy>());
        Assert.That(((DictProxy)inner!)["a"], Is.EqualTo(1L));
        Assert.That(PyRepr.Str(l), Does.Match(@"^\[1, 2, <DictProxy object, typeid 'dict' at 0x[0-9a-f]+>\]$"));
        var p = new Process(ManagerTargets.AppendTwice, [l, "x"]);
        p.Start();
        p.Join(20);
        Assert.That(l.Count, Is.EqualTo(5));
        Assert.That(l.CountOf("x"), Is.EqualTo(2));
        var e = Assert.Throws<ValueError>(() => l.Remove("absent"))!;
        Assert.That(e.Message, Is.EqualTo("list.remove(x): x not in list"));
    }

    [Test]
    public void LockedIncrementsFromSeveralProcesses()
    {
        using var m = Mp.Manager();
        var ns = m.Namespace();
        ns.SetAttr("count", 0L);
        var lk = m.Lock();
        var jobs = new List<Process>();
        for (var i = 0; i < 3; i++)
        {
            var p = new Process(ManagerTargets.Increment, [ns, lk, 20L]);
            p.Start();
            jobs.Add(p);
        }
        foreach (var p in jobs) p.Join(20);
        Assert.That(ns.GetAttr("count"), Is.EqualTo(60L));
        Assert.Throws<RuntimeError>(() => lk.Release(), "release unlocked lock");
    }

    [Test]
    public void QueueAndEventThroughTheManager()
    {
        using var m = Mp.Manager();
        var q = m.Queue();
        var started = m.Event();
        Assert.That(q.ProxyTypeName, Is.EqualTo("AutoProxy[Queue]"));
        var p = new Process(ManagerTargets.Produce, [q, started, 3L]);
        p.Start();
        Assert.That(started.Wait(20), Is.True);
        var got = new List<object?>();
        for (var i = 0; i < 3; i++) got.Add(q.Get(timeout: 20));
        p.Join(20);
        Assert.That(got, Is.EqualTo(new object?[] { 0L, 1L, 2L }));
        Assert.Throws<Empty>(() => q.Get(timeout: 0.05));
    }

    [Test]
    public void AProxyAfterShutdownRaisesAtOnce()
    {
        var m = Mp.Manager();
        var d = m.Dict();
        d["a"] = 1L;
        var path = m.Address as string;
        m.Shutdown();
        Assert.That(m.ServerProcess!.ExitCode, Is.EqualTo(0));
        var e = Assert.Catch(() => _ = d["a"])!;
        Assert.That(PyErrors.Name(e), Is.EqualTo("BrokenPipeError"));
        Assert.That(path is null || !File.Exists(path), "the socket file is gone");
        Assert.Throws<AssertionError>(() => m.Dict(), "server not yet started");
        m.Shutdown(); // a second call does nothing
    }

    [Test]
    public void AProxyAfterTheServerDiedRaisesAtOnce()
    {
        using var m = Mp.Manager();
        var d = m.Dict();
        d["a"] = 1L;
        m.ServerProcess!.Kill();
        m.ServerProcess.Join(10);
        var e = Assert.Catch(() => _ = d["a"])!;
        Assert.That(PyErrors.Name(e), Is.AnyOf("BrokenPipeError", "EOFError", "ConnectionResetError"));
    }

    [Test]
    public void TcpManagerAndRemoteConnect()
    {
        var key = "secret"u8.ToArray();
        using var m = new SyncManager(("127.0.0.1", 0), key);
        m.Start();
        var address = (PyTuple)m.Address!;
        Assert.That(address.Items[0], Is.EqualTo("127.0.0.1"));
        Assert.That(PyOps.AsLong(address.Items[1]), Is.GreaterThan(0));
        var d = m.Dict();
        d["k"] = "v";
        var other = new SyncManager(address, key);
        other.Connect();
        var l = other.List(new List<object?> { 1L });
        l.Append(2L);
        Assert.That(PyRepr.Str(l), Is.EqualTo("[1, 2]"));
        var wrong = new SyncManager(address, "wrong"u8.ToArray());
        Assert.Throws<AuthenticationError>(() => wrong.Connect());
    }

    [Test]
    public void RegisteredUserType()
    {
        var m = new BaseManager();
        m.Register("Counter", ManagerTargets.MakeCounter);
        m.Start();
        try
        {
            var c = m.Create("Counter", [5L]);
            Assert.That(c.ProxyTypeName, Is.EqualTo("AutoProxy[Counter]"));
            Assert.That(c.CallMethod("Increment", [2L]), Is.EqualTo(7L));
            Assert.That(c.CallMethod("Value"), Is.EqualTo(7L));
            var e = Assert.Throws<RemoteError>(() => c.CallMethod("Missing"))!;
            Assert.That(e.Message, Does.Contain("AttributeError: method 'Missing'"));
        }
        finally
        {
            m.Shutdown();
        }
    }

    [Test]
    public void GetServerServesForeverInThisProcessUntilShutdown()
    {
        var key = "serve"u8.ToArray();
        var owner = new SyncManager(("127.0.0.1", 0), key);
        owner.Register("get_shared", ManagerTargets.GetShared, "DictProxy");
        var server = owner.GetServer();
        var address = server.Address;
        var serving = new System.Threading.Thread(server.ServeForever) { IsBackground = true };
        serving.Start();
        var client = new SyncManager(address, key);
        client.Register("get_shared", null, "DictProxy");
        client.Connect();
        var shared = (DictProxy)client.Create("get_shared");
        shared["x"] = 1L;
        Assert.That(((DictProxy)client.Create("get_shared"))["x"], Is.EqualTo(1L), "one referent for every client");
        var c = client.Create("dict", [new PyDict()]);
        Assert.That(PyRepr.Str(c), Is.EqualTo("{}"));
        Multiprocessing.Internal.Managers.ManagerClient.Call(address, key, "shutdown");
        Assert.That(serving.Join(10_000), Is.True, "serve_forever returns after a client's shutdown");
    }
}
