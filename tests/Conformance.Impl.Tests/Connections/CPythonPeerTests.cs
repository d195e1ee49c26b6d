using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text.RegularExpressions;
using Multiprocessing;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Connections;

/// <summary>Our Listener/Client against real CPython multiprocessing.connection (3.11 on PATH, pyenv's 3.12 when present).</summary>
public class CPythonPeerTests : ImplTestBase
{
    private static readonly byte[] Key = "conformance-key"u8.ToArray();
    private static readonly string KeyHex = Convert.ToHexString(Key);

    private static string Python(string version)
    {
        if (version == "3.11") return PythonPeer.Python311;
        var p312 = PythonPeer.Python312;
        if (p312 is null) Assert.Ignore("CPython 3.12 is not installed under pyenv");
        return p312!;
    }

    private static string UnixPath() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mp-peer-" + Guid.NewGuid().ToString("N")[..10]);

    private static object ParseAddress(string line)
    {
        var text = line["ADDRESS ".Length..];
        var m = Regex.Match(text, @"^\('([^']*)', (\d+)\)$");
        return m.Success ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : text;
    }

    private static Connection Accept(Listener l)
    {
        Assert.That(Connection.Wait([l], 20), Is.Not.Empty, "the CPython peer never connected");
        return l.Accept();
    }

    private static object? Recv(Connection c)
    {
        Assert.That(c.Poll(20), Is.True, "the CPython peer sent nothing");
        return c.Recv();
    }

    /// <summary>Sends values CPython must decode (its repr pins what it saw), then checks what CPython sends back.</summary>
    private static void Converse(Connection c, PythonPeer py, string version)
    {
        c.Format = PickleFormat.CPython;
        Assert.That(py.Expect("PY"), Is.EqualTo("PY " + version.Replace('.', ' ')));
        var cases = new (object? Value, string Repr)[]
        {
            (42, "42"), (-7L, "-7"), (BigInteger.Pow(2, 70), "1180591620717411303424"), (-BigInteger.Pow(2, 64), "-18446744073709551616"),
            (1.5, "1.5"), (0.1, "0.1"), (true, "True"), (null, "None"), ("h\u00e9llo", "'h\u00e9llo'"), ("", "''"),
            (new byte[] { 0, 1, 255 }, @"b'\x00\x01\xff'"),
            (new List<object?> { 1, "a", new List<object?>() }, "[1, 'a', []]"),
            (new Dictionary<string, object?> { ["k"] = new List<int> { 1, 2 } }, "{'k': [1, 2]}"),
            (new object?[] { 1, "x", null }, "(1, 'x', None)"), (new object?[] { }, "()"), (new object?[] { 5 }, "(5,)"),
            (new object?[] { 1, 2, 3, 4 }, "(1, 2, 3, 4)"), (new HashSet<object?> { 3 }, "{3}"),
        };
        foreach (var (value, repr) in cases)
        {
            c.Send(value);
            var echo = (object?[])Recv(c)!;
            Assert.That(echo[0], Is.EqualTo("echo"));
            Assert.That(echo[2], Is.EqualTo(repr), $"CPython decoded {repr}");
            Assert.That(echo[1], Is.EqualTo(value), $"echo of {repr}");
        }
        var longText = new string('\u20ac', 5000);
        c.Send(longText);
        Assert.That(((object?[])Recv(c)!)[1], Is.EqualTo(longText));
        c.Send("stop");

        var d = (Dictionary<object, object?>)Recv(c)!;
        Assert.That(d["ints"], Is.EqualTo(new object[]
        {
            0L, 255L, 256L, 65535L, 65536L, -1L, 2147483647L, 2147483648L, -2147483648L, -2147483649L,
            BigInteger.Pow(2, 63), BigInteger.Pow(2, 64), -BigInteger.Pow(2, 100),
        }));
        Assert.That(((List<object?>)d["ints"]!)[10], Is.TypeOf<BigInteger>());
        var unit = "h\u00e9llo \u20ac";
        Assert.That(d["str"], Is.EqualTo(string.Concat(System.Linq.Enumerable.Repeat(unit, 60))));
        Assert.That(d["tuple"], Is.EqualTo(new object?[] { 1L, new object?[] { 2L, 3L }, new object?[] { }, new object?[] { "a" }, new object?[] { null, true, false, 1.5 } }));
        var bytes = new byte[512];
        for (var i = 0; i < 512; i++) bytes[i] = (byte)(i % 256);
        Assert.That(d["bytes"], Is.EqualTo(bytes));
        Assert.That(d["short"], Is.EqualTo(new byte[] { 0, 1 }));
        Assert.That(d["float"], Is.EqualTo(0.1));
        Assert.That(d["set"], Is.EqualTo(new HashSet<object?> { 7L }));
        Assert.That(d["frozen"], Is.EqualTo(new HashSet<object?> { 8L }));
        Assert.That(d["nested"], Is.EqualTo(new List<object?> { new List<object?> { new List<object?>() }, new Dictionary<object, object?>() }));
        var shared = (object?[])d["shared"]!;
        Assert.That(shared[0], Is.SameAs(shared[1]), "pickle's memo (BINGET) keeps the one list shared");
        Assert.That(c.Poll(20), Is.True);
        Assert.That(c.RecvBytes(), Is.EqualTo(new byte[] { (byte)'r', (byte)'a', (byte)'w', (byte)'-', 0, 255 }));
        py.Expect("DONE");
    }

    [TestCase("3.11", "unix")]
    [TestCase("3.11", "tcp")]
    [TestCase("3.12", "unix")]
    [TestCase("3.12", "tcp")]
    public void CPython_client_against_our_listener(string version, string transport)
    {
        var python = Python(version);
        using var l = transport == "unix" ? new Listener(authkey: Key) : new Listener(("127.0.0.1", 0), authkey: Key);
        var where = transport == "unix" ? "unix:" + l.Address : "tcp:127.0.0.1:" + (((string, int))l.Address).Item2;
        using var py = PythonPeer.Start(python, "client", where, KeyHex);
        using var c = Accept(l);
        py.Expect("CONNECTED");
        Converse(c, py, version);
        Assert.That(py.WaitForExit(), Is.EqualTo(0), py.Stderr);
    }

    [TestCase("3.11", "unix")]
    [TestCase("3.11", "tcp")]
    [TestCase("3.12", "unix")]
    [TestCase("3.12", "tcp")]
    public void Our_client_against_a_CPython_listener(string version, string transport)
    {
        var python = Python(version);
        var where = transport == "unix" ? "unix:" + UnixPath() : "tcp:127.0.0.1:0";
        using var py = PythonPeer.Start(python, "server", where, KeyHex);
        var address = ParseAddress(py.Expect("ADDRESS"));
        using var c = address is string path ? Connection.Client(path, Key) : Connection.Client(((string, int))address, Key);
        py.Expect("ACCEPTED");
        Converse(c, py, version);
        Assert.That(py.WaitForExit(), Is.EqualTo(0), py.Stderr);
    }

    [Test]
    public void Without_authkey_no_handshake()
    {
        using var l = new Listener();
        using var py = PythonPeer.Start(PythonPeer.Python311, "client", "unix:" + l.Address, "-");
        using var c = Accept(l);
        Converse(c, py, "3.11");
        Assert.That(py.WaitForExit(), Is.EqualTo(0), py.Stderr);
    }

    [TestCase("3.11")]
    [TestCase("3.12")]
    public void Wrong_authkey_against_a_CPython_client(string version)
    {
        var python = Python(version);
        using var l = new Listener(authkey: Key);
        using var py = PythonPeer.Start(python, "client", "unix:" + l.Address, Convert.ToHexString("wrong"u8));
        Assert.That(Connection.Wait([l], 20), Is.Not.Empty);
        Assert.That(Assert.Throws<AuthenticationError>(() => l.Accept())!.Message, Is.EqualTo("digest received was wrong"));
        Assert.That(py.Expect("ERROR"), Is.EqualTo("ERROR AuthenticationError: digest sent was rejected"));
        Assert.That(py.WaitForExit(), Is.EqualTo(1));
    }

    [TestCase("3.11")]
    [TestCase("3.12")]
    public void Wrong_authkey_against_a_CPython_listener(string version)
    {
        var python = Python(version);
        using var py = PythonPeer.Start(python, "server", "unix:" + UnixPath(), KeyHex);
        var path = (string)ParseAddress(py.Expect("ADDRESS"));
        Assert.That(Assert.Throws<AuthenticationError>(() => Connection.Client(path, "wrong"u8.ToArray()))!.Message,
            Is.EqualTo("digest sent was rejected"));
        Assert.That(py.Expect("ERROR"), Is.EqualTo("ERROR AuthenticationError: digest received was wrong"));
        Assert.That(py.WaitForExit(), Is.EqualTo(1));
    }

    [Test]
    public void A_huge_length_during_the_handshake_is_refused_from_the_header()
    {
        using var l = new Listener(authkey: Key);
        using var py = PythonPeer.Start(PythonPeer.Python311, "raw-client", "unix:" + l.Address, "-", "huge-length");
        Assert.That(Connection.Wait([l], 20), Is.Not.Empty);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(Assert.Throws<OSError>(() => l.Accept())!.Message, Is.EqualTo("bad message length"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(256 * 1024));
        py.Expect("CLOSED");
    }

    [Test]
    public void Garbage_instead_of_a_digest_fails_authentication()
    {
        using var l = new Listener(authkey: Key);
        using var py = PythonPeer.Start(PythonPeer.Python311, "raw-client", "unix:" + l.Address, "-", "garbage-response");
        Assert.That(Connection.Wait([l], 20), Is.Not.Empty);
        Assert.That(Assert.Throws<AuthenticationError>(() => l.Accept())!.Message, Is.EqualTo(
            @"unsupported message length, missing digest prefix, or unsupported digest: message=b'\x07garbage-bytes-not-a-digest!!'"));
        Assert.That(py.Expect("REPLY"), Is.EqualTo("REPLY b'#FAILURE#'"));
    }

    [TestCase(null, "bad message length: the peer declared 2147483647 bytes, more than a .NET byte array holds")]
    [TestCase(1_000_000L, "bad message length: the peer declared 2147483647 bytes, more than this connection's MaxMessageLength (1000000)")]
    public void A_huge_message_then_close(long? limit, string error)
    {
        using var l = new Listener();
        using var py = PythonPeer.Start(PythonPeer.Python311, "raw-client", "unix:" + l.Address, "-", "huge-message");
        using var c = Accept(l);
        c.MaxMessageLength = limit;
        Assert.That(c.Poll(20), Is.True);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(Assert.Throws<OSError>(() => c.Recv())!.Message, Does.StartWith(error));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
        py.Expect("CLOSED");
    }

    [Test]
    public void A_server_that_sends_no_challenge()
    {
        using var py = PythonPeer.Start(PythonPeer.Python311, "raw-server", "tcp:127.0.0.1:0", "-", "not-a-challenge");
        var address = ((string, int))ParseAddress(py.Expect("ADDRESS"));
        Assert.That(Assert.Throws<AuthenticationError>(() => Connection.Client(address, Key))!.Message,
            Is.EqualTo("Protocol error, expected challenge: message=b'#HELLO# not for you'"));
        py.Expect("CLOSED");
    }

    [Test]
    public void A_server_that_declares_a_huge_challenge()
    {
        using var py = PythonPeer.Start(PythonPeer.Python311, "raw-server", "tcp:127.0.0.1:0", "-", "huge-length");
        var address = ((string, int))ParseAddress(py.Expect("ADDRESS"));
        Assert.That(Assert.Throws<OSError>(() => Connection.Client(address, Key))!.Message, Is.EqualTo("bad message length"));
        py.Expect("CLOSED");
    }
}
