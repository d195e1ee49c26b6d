using System.Collections.Generic;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Multiprocessing;
using Multiprocessing.Internal;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Connections;

public class HandshakeTests
{
    private static readonly byte[] Key = "key"u8.ToArray();

    [Test]
    public void Legacy_and_prefixed_messages_are_told_apart_by_length_and_prefix()
    {
        var legacy = new byte[20];
        Assert.That(Handshake.DigestNameAndPayload(legacy), Is.EqualTo(("", legacy)));
        var md5 = new byte[16];
        Assert.That(Handshake.DigestNameAndPayload(md5).Digest, Is.EqualTo(""));
        var (digest, payload) = Handshake.DigestNameAndPayload(Encoding.ASCII.GetBytes("{sha3_256}abc"));
        Assert.That((digest, Encoding.ASCII.GetString(payload)), Is.EqualTo(("sha3_256", "abc")));
        Assert.That(Assert.Throws<AuthenticationError>(() => Handshake.DigestNameAndPayload("{sha1}abcdefghijklmnopq"u8.ToArray()))!.Message,
            Is.EqualTo("unsupported message length, missing digest prefix, or unsupported digest: message=b'{sha1}abcdefghijklmnopq'"));
        Assert.That(Assert.Throws<AuthenticationError>(() => Handshake.DigestNameAndPayload("no prefix"u8.ToArray()))!.Message,
            Is.EqualTo("unsupported message length, missing digest prefix, or unsupported digest: message=b'no prefix'"));
    }

    [Test]
    public void Responses_are_HMACs_over_the_whole_message()
    {
        var legacy = new byte[20];
        Assert.That(Handshake.CreateResponse(Key, legacy), Is.EqualTo(HMACMD5.HashData(Key, legacy)));
        var prefixed = Encoding.ASCII.GetBytes("{sha256}" + new string('x', 40));
        var response = Handshake.CreateResponse(Key, prefixed);
        Assert.That(response[..8], Is.EqualTo("{sha256}"u8.ToArray()));
        Assert.That(response[8..], Is.EqualTo(HMACSHA256.HashData(Key, prefixed)));
        Assert.DoesNotThrow(() => Handshake.Verify(Key, prefixed, response));
        // A 3.11 client answers a prefixed challenge with raw HMAC-MD5 of all of it: accepted.
        Assert.DoesNotThrow(() => Handshake.Verify(Key, prefixed, HMACMD5.HashData(Key, prefixed)));
        Assert.That(Assert.Throws<AuthenticationError>(() => Handshake.Verify("other"u8.ToArray(), prefixed, response))!.Message,
            Is.EqualTo("digest received was wrong"));
        Assert.That(Assert.Throws<AuthenticationError>(() => Handshake.Verify(Key, prefixed, "{md5}0123456789"u8.ToArray()))!.Message,
            Is.EqualTo("expected 'md5' of length 16 got 10"));
    }

    [Test]
    public void Python_bytes_repr()
    {
        Assert.That(PyBytes.Repr([0, 9, 10, 13, 0x27, 0x5c, 0x7f, 0x80, (byte)'a']), Is.EqualTo("b\"\\x00\\t\\n\\r'\\\\\\x7f\\x80a\""));
        Assert.That(PyBytes.Repr("'\""u8.ToArray()), Is.EqualTo("b'\\'\"'"));
    }

    [Test]
    public void CPython_pickle_round_trips_plain_data()
    {
        var value = new Dictionary<object, object?>
        {
            ["ints"] = new List<object?> { 0L, 255L, 256L, 65535L, 65536L, -1L, 2147483647L, 2147483648L, long.MinValue, BigInteger.Pow(2, 64), -BigInteger.Pow(2, 100) },
            ["t"] = new object?[] { 1L, new object?[] { }, new object?[] { "a" }, new object?[] { null, true, false, 1.5 } },
            ["s"] = new string('é', 300),
            ["b"] = new byte[300],
            ["set"] = new HashSet<object?> { 3L },
        };
        var back = PyPickleReader.Loads(PyPickleWriter.Dumps(value));
        Assert.That(back, Is.EqualTo(value));
    }

    [Test]
    public void CPython_pickle_reader_refuses_code_and_corruption()
    {
        // pickle.dumps(os.system) at protocol 0: GLOBAL 'posix system'.
        var e = Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads(Encoding.Latin1.GetBytes("\u0080\u0004cposix\nsystem\n.")))!;
        Assert.That(e.Message, Does.StartWith("refusing pickle opcode b'c' at offset 2"));
        Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads(Encoding.Latin1.GetBytes("\u0080\u0004\u0093.")), "STACK_GLOBAL");
        Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads(Encoding.Latin1.GetBytes("\u0080\u0004N\u0085R.")), "REDUCE");
        Assert.That(Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads(Encoding.Latin1.GetBytes("\u0080\u0004X\u00ff\u00ff\u00ff\u007fab")))!.Message,
            Is.EqualTo("pickle data was truncated"));
        Assert.That(Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads([]))!.Message, Is.EqualTo("pickle data was truncated"));
        Assert.That(Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads("e."u8.ToArray()))!.Message, Is.EqualTo("could not find MARK"));
    }
}
