using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;
using Multiprocessing.Internal;
using NUnit.Framework;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests.Connections;

public class ConnectionTests : ImplTestBase
{
    private static byte[] RawRead(Connection r, int n)
    {
        var buf = new byte[n];
        Assert.That(Libc.ReadExact(r.Fileno(), buf), Is.True);
        return buf;
    }

    private static void RawWrite(Connection w, params byte[] data) => Libc.WriteAll(w.Fileno(), data);

    [Test]
    public void Wire_format_is_a_big_endian_length_then_the_payload()
    {
        var (r, w) = Connection.Pipe(duplex: false);
        using (r)
        using (w)
        {
            w.SendBytes("abc"u8.ToArray());
            Assert.That(RawRead(r, 7), Is.EqualTo(new byte[] { 0, 0, 0, 3, (byte)'a', (byte)'b', (byte)'c' }));
            w.SendBytes([]);
            Assert.That(RawRead(r, 4), Is.EqualTo(new byte[] { 0, 0, 0, 0 }));
            w.SendBytes("hello world"u8.ToArray(), 6, 3);
            Assert.That(RawRead(r, 7), Is.EqualTo(new byte[] { 0, 0, 0, 3, (byte)'w', (byte)'o', (byte)'r' }));
        }
    }

    [Test]
    public void Long_form_header_only_above_0x7fffffff()
    {
        Assert.That(Framing.Header(0x7fffffff), Is.EqualTo(new byte[] { 0x7f, 0xff, 0xff, 0xff }));
        Assert.That(Framing.Header(0x80000000L), Is.EqualTo(new byte[] { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x80, 0, 0, 0 }));
        Assert.That(Framing.Header(0x1_0000_0005L), Is.EqualTo(new byte[] { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 5 }));
        Assert.That(Framing.Header(0), Is.EqualTo(new byte[] { 0, 0, 0, 0 }));
    }

    [Test]
    public void A_long_form_header_is_read_like_CPython()
    {
        var (r, w) = Connection.Pipe(duplex: false);
        using (r)
        using (w)
        {
            RawWrite(w, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o');
            Assert.That(r.RecvBytes(), Is.EqualTo("hello"u8.ToArray()));
            // A long-form length above maxlength is refused from the header alone.
            RawWrite(w, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
            Assert.That(Assert.Throws<OSError>(() => r.RecvBytes(100))!.Message, Is.EqualTo("bad message length"));
            Assert.That(r.Closed, Is.True, "a read-only end is closed by a bad message length, as in CPython");
        }
    }

    [Test]
    public void A_negative_length_is_an_empty_message_as_in_CPython()
    {
        var (a, b) = Connection.Pipe();
        using (a)
        using (b)
        {
            RawWrite(a, 0xff, 0xff, 0xff, 0xfe);
            Assert.That(b.RecvBytes(), Is.Empty);
        }
    }

    [Test]
    public void Short_empty_and_64KiB_messages_round_trip_both_ways()
    {
        var (a, b) = Connection.Pipe();
        using (a)
        using (b)
        {
            var big = new byte[64 * 1024];
            new Random(7).NextBytes(big);
            var writer = Task.Run(() =>
            {
                a.SendBytes("x"u8.ToArray());
                a.SendBytes([]);
                a.SendBytes(big);
                a.SendBytes(big);
            });
            Assert.That(b.RecvBytes(), Is.EqualTo("x"u8.ToArray()));
            Assert.That(b.RecvBytes(), Is.Empty);
            Assert.That(b.RecvBytes(), Is.EqualTo(big));
            var into = new byte[big.Length + 10];
            Assert.That(b.RecvBytesInto(into, 10), Is.EqualTo(big.Length));
            Assert.That(into.Skip(10), Is.EqualTo(big));
            Assert.That(writer.Wait(20_000), Is.True);
            b.Send(new List<int> { 1, 2, 3 });
            b.Send("text");
            b.Send(new Dictionary<string, long> { ["k"] = 5 });
            Assert.That(a.Recv(), Is.EqualTo(new List<int> { 1, 2, 3 }));
            Assert.That(a.Recv(), Is.EqualTo("text"));
            Assert.That(a.Recv(), Is.EqualTo(new Dictionary<string, long> { ["k"] = 5 }));
        }
    }

    [Test]
    public void Simplex_pipe_is_reader_then_writer_with_CPython_errors()
    {
        var (r, w) = Mp.Pipe(duplex: false);
        using (r)
        using (w)
        {
            Assert.That((r.Readable, r.Writable, w.Readable, w.Writable), Is.EqualTo((true, false, false, true)));
            Assert.That(Assert.Throws<OSError>(() => r.Send(1))!.Message, Is.EqualTo("connection is read-only"));
            Assert.That(Assert.Throws<OSError>(() => r.SendBytes([1]))!.Message, Is.EqualTo("connection is read-only"));
            Assert.That(Assert.Throws<OSError>(() => w.Recv())!.Message, Is.EqualTo("connection is write-only"));
            Assert.That(Assert.Throws<OSError>(() => w.RecvBytes())!.Message, Is.EqualTo("connection is write-only"));
            Assert.That(Assert.Throws<OSError>(() => w.Poll())!.Message, Is.EqualTo("connection is write-only"));
            Assert.That(Assert.Throws<OSError>(() => w.RecvBytesInto(new byte[1]))!.Message, Is.EqualTo("connection is write-only"));
        }
    }

    [Test]
    public void Closed_connection_errors()
    {
        var (a, b) = Connection.Pipe();
        b.Close();
        a.Close();
        a.Close();
        Assert.That(a.Closed, Is.True);
        foreach (var act in new Action[] { () => a.Send(1), () => a.SendBytes([]), () => a.Recv(), () => a.RecvBytes(),
                     () => a.RecvBytesInto(new byte[1]), () => a.Poll(), () => a.Fileno(), () => Connection.Wait([a], 0) })
        {
            var e = Assert.Throws<OSError>(() => act())!;
            Assert.That(e.Message, Is.EqualTo("handle is closed"));
            Assert.That(e.HasErrno, Is.False);
        }
        Assert.That(Assert.Throws<ValueError>(() => new Connection(-1))!.Message, Is.EqualTo("invalid handle"));
        Assert.That(Assert.Throws<ValueError>(() => new Connection(0, false, false))!.Message,
            Is.EqualTo("at least one of `readable` and `writable` must be True"));
    }

    [Test]
    public void Argument_errors_have_CPython_texts()
    {
        var (a, b) = Connection.Pipe();
        using (a)
        using (b)
        {
            var buf = new byte[4];
            Assert.That(Assert.Throws<ValueError>(() => a.SendBytes(buf, -1))!.Message, Is.EqualTo("offset is negative"));
            Assert.That(Assert.Throws<ValueError>(() => a.SendBytes(buf, 5))!.Message, Is.EqualTo("buffer length < offset"));
            Assert.That(Assert.Throws<ValueError>(() => a.SendBytes(buf, 1, -1))!.Message, Is.EqualTo("size is negative"));
            Assert.That(Assert.Throws<ValueError>(() => a.SendBytes(buf, 1, 4))!.Message, Is.EqualTo("buffer length < offset + size"));
            Assert.That(Assert.Throws<ValueError>(() => b.RecvBytes(-1))!.Message, Is.EqualTo("negative maxlength"));
            Assert.That(Assert.Throws<ValueError>(() => b.RecvBytesInto(buf, -1))!.Message, Is.EqualTo("negative offset"));
            Assert.That(Assert.Throws<ValueError>(() => b.RecvBytesInto(buf, 5))!.Message, Is.EqualTo("offset too large"));
        }
    }

    [Test]
    public void Maxlength_and_buffer_too_short()
    {
        var (a, b) = Connection.Pipe();
        using (a)
        using (b)
        {
            a.SendBytes("abcdef"u8.ToArray());
            var e = Assert.Throws<BufferTooShort>(() => b.RecvBytesInto(new byte[8], 3))!;
            Assert.That(e.Value, Is.EqualTo("abcdef"u8.ToArray()));
            Assert.That(e.Message, Is.EqualTo("b'abcdef'"));
            a.SendBytes("abc"u8.ToArray());
            Assert.That(Assert.Throws<OSError>(() => b.RecvBytes(2))!.Message, Is.EqualTo("bad message length"));
            Assert.That((b.Readable, b.Writable, b.Closed), Is.EqualTo((false, true, false)), "a duplex end stops reading, as in CPython");
            Assert.That(Assert.Throws<OSError>(() => b.RecvBytes())!.Message, Is.EqualTo("connection is write-only"));
        }
    }

    [Test]
    public void EOF_on_a_closed_peer_and_mid_message()
    {
        var (r, w) = Connection.Pipe(duplex: false);
        w.Send(5);
        w.Close();
        Assert.That(r.Recv(), Is.EqualTo(5));
        Assert.That(r.Poll(), Is.True, "EOF is readable");
        Assert.Throws<EOFError>(() => r.Recv());
        Assert.Throws<EOFError>(() => r.RecvBytes());
        r.Close();

        var (r2, w2) = Connection.Pipe(duplex: false);
        RawWrite(w2, 0, 0, 0, 10, 1, 2, 3);
        w2.Close();
        Assert.That(Assert.Throws<OSError>(() => r2.RecvBytes())!.Message, Is.EqualTo("got end of file during message"));
        r2.Close();

        var (r3, w3) = Connection.Pipe(duplex: false);
        RawWrite(w3, 0, 0);
        w3.Close();
        Assert.That(Assert.Throws<OSError>(() => r3.RecvBytes())!.Message, Is.EqualTo("got end of file during message"));
        r3.Close();
    }

    [Test]
    public void A_huge_declared_length_allocates_only_what_arrives()
    {
        var (r, w) = Connection.Pipe(duplex: false);
        RawWrite(w, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3);
        w.Close();
        r.MaxMessageLength = 1 << 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<OSError>(() => r.RecvBytes())!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(e.Message, Does.StartWith("bad message length: the peer declared 2147483647 bytes, more than this connection's MaxMessageLength (1048576)"));
        Assert.That(allocated, Is.LessThan(64 * 1024), "refused from the header: nothing of the declared length may be allocated");

        var (r2, w2) = Connection.Pipe(duplex: false);
        RawWrite(w2, 0x7f, 0xff, 0x00, 0x00, 1, 2, 3);
        w2.Close();
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(Assert.Throws<OSError>(() => r2.RecvBytes())!.Message, Is.EqualTo("got end of file during message"));
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.LessThan(2 << 20), "unlimited: memory follows the bytes received, not the declared 2 GiB");
        r2.Close();

        var (r3, w3) = Connection.Pipe(duplex: false);
        RawWrite(w3, 0x7f, 0xff, 0xff, 0xff);
        Assert.That(Assert.Throws<OSError>(() => r3.RecvBytes())!.Message,
            Does.StartWith("bad message length: the peer declared 2147483647 bytes, more than a .NET byte array holds"));
        r3.Close();
        w3.Close();
    }

    [Test]
    public void Poll_and_wait()
    {
        var (a, b) = Connection.Pipe();
        var (c, d) = Connection.Pipe();
        using (a)
        using (b)
        using (c)
        using (d)
        {
            Assert.That(b.Poll(), Is.False);
            Assert.That(b.Poll(0.05), Is.False);
            Assert.That(Connection.Wait([b, d], 0.05), Is.Empty);
            Assert.That(Connection.Wait([], 0), Is.Empty);
            c.Send("x");
            Assert.That(Connection.Wait([b, d], 10), Is.EqualTo(new object[] { d }));
            a.Send("y");
            Assert.That(Connection.Wait([d, b], 10), Is.EqualTo(new object[] { d, b }), "ready objects in the order given");
            Assert.That(b.Poll(null), Is.True);
            Assert.That(b.Recv(), Is.EqualTo("y"));
            Assert.That(Connection.Wait([b, d.Fileno()], 10), Is.EqualTo(new object[] { d.Fileno() }), "an int fd is returned as given");
            Assert.That(Assert.Throws<ValueError>(() => Connection.Wait(["nope"], 0))!.Message, Is.EqualTo("Invalid file object: nope"));
        }
    }

    [Test]
    public void A_connection_crosses_into_a_child_by_inheritance()
    {
        var (mine, theirs) = Connection.Pipe();
        var p = new Process(ConnectionTargets.EchoDoubled, [theirs]);
        p.Start();
        theirs.Close();
        for (var i = 1; i <= 3; i++)
        {
            mine.Send(i);
            Assert.That(mine.Poll(20), Is.True);
            Assert.That(mine.Recv(), Is.EqualTo(i * 2));
        }
        mine.Send(null);
        Assert.That(mine.Poll(20), Is.True);
        Assert.Throws<EOFError>(() => mine.Recv(), "the child closed its end and exited");
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(0));
        mine.Close();
    }

    [Test]
    public void A_simplex_writer_in_a_child_then_EOF()
    {
        var (r, w) = Connection.Pipe(duplex: false);
        var p = new Process(ConnectionTargets.SendOne, [w]);
        p.Start();
        w.Close(); // CPython's idiom: close the parent's copy of the writer, or EOF never comes
        Assert.That(r.Poll(20), Is.True);
        Assert.That(r.Recv(), Is.EqualTo("from child"));
        Assert.That(r.Poll(20), Is.True);
        Assert.Throws<EOFError>(() => r.Recv());
        p.Join(20);
        r.Close();
    }

    [Test]
    public void Pickling_a_connection_outside_spawn_is_refused()
    {
        var (a, b) = Connection.Pipe();
        using (a)
        using (b)
        {
            Assert.That(Assert.Throws<RuntimeError>(() => Pickler.Dumps(a))!.Message,
                Is.EqualTo("Connection objects should only be shared between processes through inheritance"));
        }
    }

    [Test]
    public void Authkey_is_32_random_bytes_inherited_by_children_and_settable()
    {
        var main = Mp.CurrentProcess().AuthKey;
        Assert.That(main, Has.Length.EqualTo(32));
        Assert.That(main.Distinct().Count(), Is.GreaterThan(1));
        var p = new Process(ConnectionTargets.SendAuthKey, [null]);
        Assert.That(p.AuthKey, Is.EqualTo(main));

        var (r, w) = Connection.Pipe(duplex: false);
        var child = new Process(ConnectionTargets.SendAuthKey, [w]);
        child.Start();
        Assert.That(r.Poll(20), Is.True);
        Assert.That(r.RecvBytes(), Is.EqualTo(main));
        child.Join(20);

        var custom = new Process(ConnectionTargets.SendAuthKey, [w]) { AuthKey = "secret"u8.ToArray() };
        custom.Start();
        w.Close();
        Assert.That(r.Poll(20), Is.True);
        Assert.That(r.RecvBytes(), Is.EqualTo("secret"u8.ToArray()));
        custom.Join(20);
        Assert.That(Mp.CurrentProcess().AuthKey, Is.EqualTo(main), "setting a child's authkey leaves ours alone");
        r.Close();
    }

    [Test]
    public void Sentinel_becomes_ready_when_the_child_ends()
    {
        var (r, w) = Connection.Pipe(duplex: false);
        var p = new Process(ConnectionTargets.ExitOnMessage, [r]);
        Assert.That(Assert.Throws<ValueError>(() => _ = p.Sentinel)!.Message, Is.EqualTo("process not started"));
        p.Start();
        r.Close();
        var s = p.Sentinel;
        Assert.That(Connection.Wait([s], 0), Is.Empty);
        w.Send(1);
        Assert.That(Connection.Wait([s], 20), Is.EqualTo(new object[] { s }));
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(0));
        Assert.That(Connection.Wait([p], 0), Is.EqualTo(new object[] { p }), "the sentinel stays valid after join");
        p.Close();
        w.Close();
    }

    [Test]
    public void Listener_and_client_over_unix_and_tcp_with_authkey()
    {
        var key = "k3y"u8.ToArray();
        using (var l = new Listener(authkey: key))
        {
            var path = (string)l.Address;
            Assert.That(path, Does.Match(@"/pymp-[a-z0-9_]{8}/listener-[a-z0-9_]{8}$"));
            Assert.That(path, Does.StartWith(Path.GetTempPath()));
            RoundTrip(l, () => Connection.Client(path, key));
            Assert.That(l.LastAccepted, Is.EqualTo(""));
            l.Close();
            Assert.That(File.Exists(path), Is.False, "close unlinks the socket path");
            Assert.That(Assert.Throws<OSError>(() => l.Accept())!.Message, Is.EqualTo("listener is closed"));
        }
        using (var t = new Listener(("127.0.0.1", 0), authkey: key))
        {
            var (host, port) = ((string, int))t.Address;
            Assert.That(host, Is.EqualTo("127.0.0.1"));
            Assert.That(port, Is.GreaterThan(0));
            RoundTrip(t, () => Connection.Client(("127.0.0.1", port), key));
            Assert.That(((ValueTuple<string, int>)t.LastAccepted!).Item1, Is.EqualTo("127.0.0.1"));
        }
        using (var n = new Listener(family: "AF_INET"))
        {
            var addr = ((string, int))n.Address;
            RoundTrip(n, () => Connection.Client(addr));
        }
    }

    private static void RoundTrip(Listener l, Func<Connection> connect)
    {
        var client = Task.Run(() =>
        {
            using var c = connect();
            c.Send("ping");
            Assert.That(c.Poll(20), Is.True);
            return c.Recv();
        });
        Assert.That(Connection.Wait([l], 20), Is.Not.Empty);
        using var server = l.Accept();
        Assert.That(server.Poll(20), Is.True);
        Assert.That(server.Recv(), Is.EqualTo("ping"));
        server.Send("pong");
        Assert.That(client.Wait(20_000), Is.True);
        Assert.That(client.Result, Is.EqualTo("pong"));
    }

    [Test]
    public void Wrong_authkey_fails_on_both_sides()
    {
        using var l = new Listener(authkey: "right"u8.ToArray());
        var client = Task.Run(() => Assert.Throws<AuthenticationError>(() => Connection.Client((string)l.Address, "wrong"u8.ToArray()))!.Message);
        Assert.That(Connection.Wait([l], 20), Is.Not.Empty);
        Assert.That(Assert.Throws<AuthenticationError>(() => l.Accept())!.Message, Is.EqualTo("digest received was wrong"));
        Assert.That(client.Wait(20_000), Is.True);
        Assert.That(client.Result, Is.EqualTo("digest sent was rejected"));
    }

    [Test]
    public void Family_errors()
    {
        Assert.That(Assert.Throws<ValueError>(() => new Listener(family: "AF_PIPE"))!.Message, Is.EqualTo("Family AF_PIPE is not recognized."));
        Assert.That(Assert.Throws<AttributeError>(() => new Listener(family: "AF_NOPE"))!.Message, Is.EqualTo("module 'socket' has no attribute 'AF_NOPE'"));
        var missing = Path.Combine(Path.GetTempPath(), "no-such-listener-" + Guid.NewGuid().ToString("N")[..8]);
        var e = Assert.Throws<OSError>(() => Connection.Client(missing))!;
        Assert.That(e.Errno, Is.EqualTo(2));
        Assert.That(e.Message, Does.StartWith("[Errno 2] No such file or directory"));
    }
}
