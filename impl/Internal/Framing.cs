using System;
using System.Buffers.Binary;

namespace Multiprocessing.Internal;

/// <summary>
/// CPython's connection.py framing: a 4-byte big-endian signed length, or for a payload of more than 0x7fffffff
/// bytes the long form, <c>-1</c> then an 8-byte big-endian unsigned length (<c>_send_bytes</c>/<c>_recv_bytes</c>).
/// </summary>
internal static class Framing
{
    /// <summary>Payloads longer than this use the long form (CPython: <c>if n &gt; 0x7fffffff</c>).</summary>
    public const long ShortFormMax = 0x7fffffff;

    /// <summary>CPython sends header and payload as one write up to this size (Nagle), separately above it.</summary>
    public const int ConcatenateMax = 16384;

    /// <summary>The header CPython writes before a payload of <paramref name="n"/> bytes: 4 bytes, or 12 in the long form.</summary>
    public static byte[] Header(long n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "a payload length cannot be negative");
        if (n > ShortFormMax)
        {
            var h = new byte[12];
            BinaryPrimitives.WriteInt32BigEndian(h, -1);
            BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(4), (ulong)n);
            return h;
        }
        var s = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(s, (int)n);
        return s;
    }

    /// <summary>The short header's value: a length, or -1 announcing the 8-byte long form (other negatives mean an empty payload, as in CPython).</summary>
    public static int ReadShort(ReadOnlySpan<byte> four) => BinaryPrimitives.ReadInt32BigEndian(four);

    /// <summary>The long form's 8-byte length.</summary>
    public static ulong ReadLong(ReadOnlySpan<byte> eight) => BinaryPrimitives.ReadUInt64BigEndian(eight);
}
