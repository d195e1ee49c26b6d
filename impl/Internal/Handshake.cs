using System;
using System.Security.Cryptography;
using System.Text;

namespace Multiprocessing.Internal;

/// <summary>
/// CPython 3.12's authkey challenge (<c>deliver_challenge</c>/<c>answer_challenge</c>), which also serves 3.11 peers:
/// a server sends <c>#CHALLENGE#{sha256}</c> + 40 random bytes and accepts a <c>{digest}</c>-prefixed HMAC or a raw
/// 16-byte HMAC-MD5; a client answers a prefixed challenge in kind and a legacy 20-byte one with raw HMAC-MD5. Every
/// handshake message is read with a 256-byte limit and nothing is unpickled.
/// </summary>
internal static class Handshake
{
    private const int MessageLength = 40;
    private const int Md5OnlyMessageLength = 20;
    private const int Md5DigestLength = 16;
    private const int MaxDigestNameLength = 8; // len('sha3_256')
    private const int HandshakeMax = 256;

    private static readonly byte[] Challenge = "#CHALLENGE#"u8.ToArray();
    private static readonly byte[] Welcome = "#WELCOME#"u8.ToArray();
    private static readonly byte[] Failure = "#FAILURE#"u8.ToArray();
    private static readonly string[] AllowedDigests = ["md5", "sha256", "sha384", "sha3_256", "sha3_384"];

    /// <summary>CPython's <c>deliver_challenge(connection, authkey, digest_name='sha256')</c>.</summary>
    public static void Deliver(Connection c, byte[] authkey, string digestName = "sha256")
    {
        var message = Concat(Encoding.ASCII.GetBytes("{" + digestName + "}"), RandomNumberGenerator.GetBytes(MessageLength));
        c.SendBytes(Concat(Challenge, message));
        var response = c.RecvBytes(HandshakeMax);
        try
        {
            Verify(authkey, message, response);
        }
        catch (AuthenticationError)
        {
            c.SendBytes(Failure);
            throw;
        }
        c.SendBytes(Welcome);
    }

    /// <summary>CPython's <c>answer_challenge(connection, authkey)</c>.</summary>
    public static void Answer(Connection c, byte[] authkey)
    {
        var message = c.RecvBytes(HandshakeMax);
        if (!message.AsSpan().StartsWith(Challenge))
            throw new AuthenticationError($"Protocol error, expected challenge: message={PyBytes.Repr(message)}");
        message = message[Challenge.Length..];
        if (message.Length < Md5OnlyMessageLength)
            throw new AuthenticationError("challenge too short: {len(message)} bytes"); // sic: CPython's text is not an f-string
        c.SendBytes(CreateResponse(authkey, message));
        var response = c.RecvBytes(HandshakeMax);
        if (!response.AsSpan().SequenceEqual(Welcome)) throw new AuthenticationError("digest sent was rejected");
    }

    /// <summary>CPython's <c>_get_digest_name_and_payload</c>: ("", message) for the legacy 16/20-byte forms.</summary>
    internal static (string Digest, byte[] Payload) DigestNameAndPayload(byte[] message)
    {
        if (message.Length is Md5OnlyMessageLength or Md5DigestLength) return ("", message);
        if (message.Length > 0 && message[0] == (byte)'{')
        {
            var end = Math.Min(message.Length, MaxDigestNameLength + 2);
            var curly = Array.IndexOf(message, (byte)'}', 1, end - 1);
            if (curly > 0)
            {
                var digest = Encoding.ASCII.GetString(message, 1, curly - 1);
                if (Array.IndexOf(AllowedDigests, digest) >= 0 && IsAscii(message.AsSpan(1, curly - 1)))
                    return (digest, message[(curly + 1)..]);
            }
        }
        throw new AuthenticationError(
            $"unsupported message length, missing digest prefix, or unsupported digest: message={PyBytes.Repr(message)}");
    }

    /// <summary>CPython's <c>_create_response</c>: raw HMAC-MD5 for a legacy challenge, else <c>{digest}</c> + HMAC.</summary>
    internal static byte[] CreateResponse(byte[] authkey, byte[] message)
    {
        var digest = DigestNameAndPayload(message).Digest;
        if (digest.Length == 0) return Mac("md5", authkey, message);
        return Concat(Encoding.ASCII.GetBytes("{" + digest + "}"), Mac(digest, authkey, message));
    }

    /// <summary>CPython's <c>_verify_challenge</c>.</summary>
    internal static void Verify(byte[] authkey, byte[] message, byte[] response)
    {
        var (digest, mac) = DigestNameAndPayload(response);
        if (digest.Length == 0) digest = "md5";
        var expected = Mac(digest, authkey, message);
        if (expected.Length != mac.Length)
            throw new AuthenticationError($"expected '{digest}' of length {expected.Length} got {mac.Length}");
        if (!CryptographicOperations.FixedTimeEquals(expected, mac)) throw new AuthenticationError("digest received was wrong");
    }

    private static byte[] Mac(string digest, byte[] key, byte[] message)
    {
        try
        {
            return digest switch
            {
                "md5" => HMACMD5.HashData(key, message),
                "sha256" => HMACSHA256.HashData(key, message),
                "sha384" => HMACSHA384.HashData(key, message),
                "sha3_256" => HMACSHA3_256.HashData(key, message),
                "sha3_384" => HMACSHA3_384.HashData(key, message),
                _ => throw new AuthenticationError($"response_digest='{digest}' unsupported"),
            };
        }
        catch (PlatformNotSupportedException)
        {
            throw new AuthenticationError($"response_digest='{digest}' unsupported");
        }
    }

    private static bool IsAscii(ReadOnlySpan<byte> b)
    {
        foreach (var x in b)
        {
            if (x >= 0x80) return false;
        }
        return true;
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var r = new byte[a.Length + b.Length];
        a.CopyTo(r, 0);
        b.CopyTo(r, a.Length);
        return r;
    }
}
