using System;
using System.Text;
using Multiprocessing;
using Multiprocessing.Internal;
using Multiprocessing.Internal.Managers;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Managers;

/// <summary>Hostile peers against a manager's server: each is refused or answered, and the server goes on serving.</summary>
public sealed class ManagerSecurityTests : ImplTestBase
{
    private static readonly byte[] Key = "right-key"u8.ToArray();

    private static (SyncManager, DictProxy) Started()
    {
        var m = new SyncManager(authkey: Key);
        m.Start();
        var d = m.Dict();
        d["k"] = 1L;
        return (m, d);
    }

    /// <summary>The server still answers a proper client after the attack.</summary>
    private static void StillServes(DictProxy d)
    {
        Assert.That(d["k"], Is.EqualTo(1L));
        var fresh = new SyncManager(d.Token.Address, Key);
        fresh.Connect();
        Assert.That(PyRepr.Str(fresh.List(new System.Collections.Generic.List<object?> { 2L })), Is.EqualTo("[2]"));
    }

    private static Connection Raw(object address) => Connection.Client((string)address); // no handshake of our own

    [Test]
    public void NoKeyIsRefused()
    {
        var (m, d) = Started();
        using (m)
        {
            using var c = Raw(m.Address!);
            var challenge = c.RecvBytes(256);
            Assert.That(Encoding.ASCII.GetString(challenge), Does.StartWith("#CHALLENGE#{sha256}"));
            // A client that has no key sends a request instead of a digest.
            c.SendBytes(WirePickleWriter.Dumps(new PyTuple(new object?[] { null, "create", new PyTuple(new object?[] { "dict" }), new PyDict() })));
            Assert.That(Encoding.ASCII.GetString(c.RecvBytes(256)), Is.EqualTo("#FAILURE#"));
            Assert.Throws<EOFError>(() => c.RecvBytes(256), "the server closed the connection and answered nothing else");
            StillServes(d);
        }
    }

    [Test]
    public void WrongKeyIsRefused()
    {
        var (m, d) = Started();
        using (m)
        {
            var wrong = new SyncManager(m.Address, "wrong"u8.ToArray());
            var e = Assert.Throws<AuthenticationError>(() => wrong.Connect())!;
            Assert.That(e.Message, Does.Contain("digest sent was rejected"));
            StillServes(d);
        }
    }

    [Test]
    public void TruncatedHandshakeDoesNotBlockOthers()
    {
        var (m, d) = Started();
        using (m)
        {
            using var c = Raw(m.Address!);
            c.RecvBytes(256);
            var fd = c.Fileno();
            // A frame header declaring 40 bytes, then only 5 of them; the connection stays open.
            Libc.WriteAll(fd, [0, 0, 0, 40, 1, 2, 3, 4, 5]);
            StillServes(d);
        }
    }

    [Test]
    public void OversizedLengthPrefixIsRefused()
    {
        var (m, d) = Started();
        using (m)
        {
            using (var c = Raw(m.Address!))
            {
                c.RecvBytes(256);
                Libc.WriteAll(c.Fileno(), [0x7f, 0xff, 0xff, 0xff]); // 2 GiB declared during the handshake
                Assert.Catch(() => c.RecvBytes(256), "the server closes the connection");
            }
            using (var c = Connection.Client((string)m.Address!, Key))
            {
                c.SendBytes(WirePickleWriter.Dumps(new PyTuple(new object?[] { null, "accept_connection", new PyTuple(new object?[] { "hostile" }), new PyDict() })));
                Assert.That(PyRepr.Repr(Loads(c.RecvBytes())), Is.EqualTo("('#RETURN', None)"));
                Libc.WriteAll(c.Fileno(), [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 0]); // the long form: 4 GiB, after authentication
                Assert.Catch(() => c.RecvBytes(), "the server ends that connection without allocating it");
            }
            StillServes(d);
        }
    }

    [Test]
    public void GlobalOutsideTheAllowListIsAnsweredWithATraceback()
    {
        var (m, d) = Started();
        using (m)
        {
            using var c = Connection.Client((string)m.Address!, Key);
            c.SendBytes(WirePickleWriter.Dumps(new PyTuple(new object?[] { null, "accept_connection", new PyTuple(new object?[] { "hostile" }), new PyDict() })));
            Loads(c.RecvBytes());
            // pickle.dumps((None, 'x', (os.system('id'),), {})) in spirit: GLOBAL os.system, REDUCE.
            c.SendBytes([0x80, 0x02, .. "cos\nsystem\n"u8, (byte)'X', 2, 0, 0, 0, .. "id"u8, 0x85, (byte)'R', (byte)'.']);
            var reply = (PyTuple)Loads(c.RecvBytes())!;
            Assert.That(reply.Items[0], Is.EqualTo("#TRACEBACK"));
            Assert.That((string)reply.Items[1]!, Does.StartWith("Traceback (most recent call last):").And.EndWith("\n").And.Contain("\n_pickle.UnpicklingError: global 'os.system' is forbidden"));
            // The same connection goes on serving.
            c.SendBytes(WirePickleWriter.Dumps(new PyTuple(new object?[] { d.Token.Id, "__getitem__", new PyTuple(new object?[] { "k" }), new PyDict() })));
            Assert.That(PyRepr.Repr(Loads(c.RecvBytes())), Is.EqualTo("('#RETURN', 1)"));
            StillServes(d);
        }
    }

    [Test]
    public void GarbageAfterAuthenticationIsAnsweredAndServingGoesOn()
    {
        var (m, d) = Started();
        using (m)
        {
            using var c = Connection.Client((string)m.Address!, Key);
            c.SendBytes(WirePickleWriter.Dumps(new PyTuple(new object?[] { null, "accept_connection", new PyTuple(new object?[] { "hostile" }), new PyDict() })));
            Loads(c.RecvBytes());
            var random = new Random(7);
            for (var i = 0; i < 20; i++)
            {
                var junk = new byte[random.Next(1, 200)];
                random.NextBytes(junk);
                c.SendBytes(junk);
                var reply = (PyTuple)Loads(c.RecvBytes())!;
                Assert.That(reply.Items[0], Is.EqualTo("#TRACEBACK"));
            }
            // A well-formed pickle of the wrong shape, and an unknown public function on a new connection.
            c.SendBytes(WirePickleWriter.Dumps("not a request"));
            Assert.That(((PyTuple)Loads(c.RecvBytes())!).Items[0], Is.EqualTo("#TRACEBACK"));
            using (var c2 = Connection.Client((string)m.Address!, Key))
            {
                c2.SendBytes(WirePickleWriter.Dumps(new PyTuple(new object?[] { null, "__init__", new PyTuple(Array.Empty<object?>()), new PyDict() })));
                var reply = (PyTuple)Loads(c2.RecvBytes())!;
                Assert.That((string)reply.Items[1]!, Does.Contain("AssertionError: '__init__' unrecognized"));
            }
            StillServes(d);
        }
    }

    [Test]
    public void IdleHandshakesDoNotBlockOthers()
    {
        var (m, d) = Started();
        using (m)
        {
            var idle = new System.Collections.Generic.List<Connection>();
            try
            {
                for (var i = 0; i < 40; i++) idle.Add(Raw(m.Address!)); // each waits in the handshake, holding a server thread
                StillServes(d);
            }
            finally
            {
                foreach (var c in idle) c.Close();
            }
        }
    }

    private static object? Loads(byte[] data) => WirePickleReader.Loads(data, (_, token, _) => token);
}
