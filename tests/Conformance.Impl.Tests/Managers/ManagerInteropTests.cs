using System;
using System.Collections.Generic;
using System.IO;
using Conformance.Impl.Tests.Connections;
using Multiprocessing;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Managers;

/// <summary>A CPython manager client on impl's server, and impl's client on a CPython manager server, over Unix sockets and TCP.</summary>
[Category("Interop")]
public sealed class ManagerInteropTests : ImplTestBase
{
    public static IEnumerable<TestCaseData> Pythons()
    {
        foreach (var transport in new[] { "unix", "tcp" })
        {
            yield return new TestCaseData("3.11", transport).SetArgDisplayNames("3.11", transport);
            yield return new TestCaseData("3.13", transport).SetArgDisplayNames("3.13", transport);
        }
    }

    private static string PythonFor(string version)
    {
        var python = version == "3.11" ? "python3" : PythonPeer.PyenvPython(version);
        if (python is null) Assert.Ignore($"CPython {version} is not installed (pyenv)");
        return python!;
    }

    private static readonly byte[] Key = "interop-key"u8.ToArray();

    [TestCaseSource(nameof(Pythons))]
    public void CPythonClientUsesOurServer(string version, string transport)
    {
        var python = PythonFor(version);
        using var m = new SyncManager(transport == "tcp" ? ("127.0.0.1", 0) : null, Key);
        m.Register("get_shared", ManagerTargets.GetShared, "DictProxy");
        m.Start();
        var where = m.Address is PyTuple t ? $"tcp:{t.Items[0]}:{t.Items[1]}" : "unix:" + m.Address;
        var ours = m.Value("d", 2.5);
        using var peer = PythonPeer.StartScript(python, "Managers/manager_peer.py", "client", where, Convert.ToHexString(Key), ours.Token.Id);
        Assert.That(peer.Expect("PY"), Does.StartWith("PY 3 " + version.Split('.')[1]));
        Assert.That(peer.Expect("DICT"), Is.EqualTo("DICT {'a': 1, 2: [1, 'x', (3.5, None), b'\\x00\\xff', {3}, 1180591620717411303424, -5]}"));
        Assert.That(peer.Expect("STR"), Is.EqualTo("STR {'a': 1, 2: [1, 'x', (3.5, None), b'\\x00\\xff', {3}, 1180591620717411303424, -5]}"));
        Assert.That(peer.Expect("KEYS"), Is.EqualTo("KEYS ['a', 2] 2 True dflt ['a', 2] ['a', 2]"), "list(d) and a for loop iterate an IteratorProxy");
        Assert.That(peer.Expect("KEYERROR"), Is.EqualTo("KEYERROR KeyError('missing')"));
        Assert.That(peer.Expect("LIST"), Is.EqualTo("LIST 3 DictProxy 1"));
        Assert.That(peer.Expect("NS"), Is.EqualTo("NS 5 Namespace(x=5)"));
        Assert.That(peer.Expect("ATTR"), Is.EqualTo("ATTR 'Namespace' object has no attribute 'missing'"));
        Assert.That(peer.Expect("QUEUE"), Is.EqualTo("QUEUE item ('t', 1) 0"));
        Assert.That(peer.Expect("EMPTY"), Is.EqualTo("EMPTY Empty"));
        Assert.That(peer.Expect("REMOTE"), Does.StartWith("REMOTE Traceback (most recent call last): | AttributeError: method 'no_such_method'"));
        Assert.That(peer.Expect("SHARED"), Is.EqualTo("SHARED {'from': 'python'}"));
        Assert.That(peer.Expect("OURVALUE"), Is.EqualTo("OURVALUE 2.5 Value('d', 2.5)"), "a CPython ValueProxy reads the Value this (C#) side created");
        Assert.That(peer.Expect("VALUE"), Is.EqualTo("VALUE 6 6 Value('i', 6) ValueProxy"));
        Assert.That(peer.Expect("ARRAY"), Is.EqualTo("ARRAY 3 20 [1, 20, 3] array('i', [1, 20, 3]) ArrayProxy"), "list() of an ArrayProxy reads a[i] until IndexError");
        Assert.That(peer.Expect("OVERFLOW"), Is.EqualTo("OVERFLOW OverflowError signed integer is greater than maximum"));
        Assert.That(peer.Expect("BARRIER"), Is.EqualTo("BARRIER 0 1 0 False"));
        Assert.That(peer.Expect("BROKEN"), Is.EqualTo("BROKEN BrokenBarrierError True"), "threading.BrokenBarrierError crosses the wire as itself");
        peer.Expect("DONE");
        Assert.That(peer.WaitForExit(), Is.EqualTo(0), peer.Stderr);
        // The same dict, seen from this (C#) side.
        var shared = (DictProxy)m.Create("get_shared");
        Assert.That(shared["from"], Is.EqualTo("python"));
        Assert.That(ours.Value, Is.EqualTo("set by python"), "the CPython client's set reached this side's Value");
    }

    [TestCaseSource(nameof(Pythons))]
    public void OurClientUsesACPythonServer(string version, string transport)
    {
        var python = PythonFor(version);
        var where = transport == "tcp" ? "tcp:127.0.0.1:0" : "unix:" + Path.Combine(Path.GetTempPath(), "mgr-interop-" + Guid.NewGuid().ToString("N")[..8]);
        using var peer = PythonPeer.StartScript(python, "Managers/manager_peer.py", "server", where, Convert.ToHexString(Key));
        peer.Expect("PY");
        var addressText = peer.Expect("ADDRESS")["ADDRESS ".Length..];
        object address = transport == "tcp"
            ? ("127.0.0.1", int.Parse(addressText[(addressText.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            : addressText;
        var m = new SyncManager(address, Key);
        m.Register("get_shared", null, "DictProxy");
        m.Connect();
        var d = m.Dict();
        d["a"] = 1L;
        d[2L] = new List<object?> { 1L, "x", new PyTuple(new object?[] { 3.5, null }) };
        Assert.That(PyRepr.Str(d), Is.EqualTo("{'a': 1, 2: [1, 'x', (3.5, None)]}"));
        Assert.That(PyErrors.Name(Assert.Catch(() => _ = d["missing"])!), Is.EqualTo("KeyError"));
        Assert.That(d.Keys(), Is.EqualTo(new object?[] { "a", 2L }));
        var l = m.List(new List<object?> { 1L });
        l.Append(d);
        Assert.That(l[1], Is.InstanceOf<DictProxy>());
        Assert.That(((DictProxy)l[1]!)["a"], Is.EqualTo(1L));
        var ns = m.Namespace();
        ns.SetAttr("x", 5L);
        Assert.That(ns.GetAttr("x"), Is.EqualTo(5L));
        Assert.That(Assert.Throws<AttributeError>(() => ns.GetAttr("value"))!.Message, Is.EqualTo("'Namespace' object has no attribute 'value'"));
        var q = m.Queue();
        Assert.That(q.ProxyTypeName, Is.EqualTo("AutoProxy[Queue]"));
        q.Put("item");
        Assert.That(q.Get(timeout: 5), Is.EqualTo("item"));
        Assert.Throws<Empty>(() => q.Get(timeout: 0.05));
        var remote = Assert.Throws<RemoteError>(() => d.CallMethod("no_such_method"))!;
        Assert.That(remote.RemoteTraceback, Does.StartWith("Traceback (most recent call last):"));
        // A CPython server's managers.Value, array.array and threading.Barrier through impl's proxies.
        var v = m.Value("i", 5L);
        v.Value = PyOps.AsLong(v.Value) + 1;
        Assert.That((v.Get(), PyRepr.Str(v), v.ProxyTypeName), Is.EqualTo(((object?)6L, "Value('i', 6)", "ValueProxy")));
        var a = m.Array("i", new List<object?> { 1L, 2L, 3L });
        a[1] = 20L;
        Assert.That((a.Count, a[1], PyRepr.Str(a)), Is.EqualTo((3, (object?)20L, "array('i', [1, 20, 3])")));
        Assert.That(a.ToList(), Is.EqualTo(new object?[] { 1L, 20L, 3L }));
        var overflow = Assert.Catch(() => a[0] = 1L << 40)!;
        Assert.That((PyErrors.Name(overflow), overflow.Message), Is.EqualTo(("OverflowError", "signed integer is greater than maximum")));
        var b = m.Barrier(1);
        Assert.That((b.Wait(), b.Parties, b.NWaiting, b.Broken), Is.EqualTo((0L, 1L, 0L, false)));
        var b2 = m.Barrier(2);
        Assert.Throws<BrokenBarrierError>(() => b2.Wait(0.05));
        Assert.That(b2.Broken, Is.True);
        var shared = (DictProxy)m.Create("get_shared");
        shared["from"] = "csharp";
        shared["stop"] = true;
        Assert.That(peer.Expect("SHARED"), Is.EqualTo("SHARED [('from', 'csharp')]"));
        peer.Expect("DONE");
        Assert.That(peer.WaitForExit(), Is.EqualTo(0), peer.Stderr);
    }
}
