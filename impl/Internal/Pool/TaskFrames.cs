using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Multiprocessing.Internal.Pooling;

/// <summary>
/// The byte frames a pool sends through its queues (CPython sends pickled tuples): a task <c>(job, i, func, args)</c>,
/// a result <c>(job, i, (success, value))</c>, and the empty frame, CPython's <c>None</c> sentinel. Chunks whose items
/// are all <c>long</c> (or all <c>int</c>) travel as raw arrays, the rest through <see cref="Pickler"/>.
/// </summary>
internal static class TaskFrames
{
    public const byte Apply = 1;    // func(*args, **kwargs)
    public const byte MapStar = 2;  // [func(x) for x in chunk]
    public const byte StarMapStar = 3; // [func(*x) for x in chunk]

    private const byte ItemsPickled = 0;
    private const byte ItemsLong = 1;
    private const byte ItemsInt = 2;
    private const byte ItemsSmallLong = 3; // longs that all fit in 32 bits, sent as ints (half the bytes)
    private const byte ItemsDelta = 4; // longs as zigzag varints of their differences: a range is a byte per item

    // A chunk bigger than the queue's 64 KiB ring crosses in pieces, each a wake-up of the other side (costly on a
    // busy machine); most map inputs and results are runs of nearby ints, which this encoding shrinks 4-8 times.

    private const int TaskHeader = 1 + 8 + 4 + 4;
    private const int ResultHeader = 1 + 8 + 4;

    public static readonly byte[] Sentinel = [];

    /// <summary>A task frame: kind, job, index, the pickled function, then the payload.</summary>
    public static byte[] Task(byte kind, long job, int index, byte[] function, byte[] payload)
    {
        var frame = new byte[TaskHeader + function.Length + payload.Length];
        frame[0] = kind;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(1), job);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(9), index);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(13), function.Length);
        function.CopyTo(frame, TaskHeader);
        payload.CopyTo(frame, TaskHeader + function.Length);
        return frame;
    }

    public static (byte Kind, long Job, int Index, ReadOnlyMemory<byte> Function, ReadOnlyMemory<byte> Payload) ReadTask(byte[] frame)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(13));
        return (frame[0], BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(1)), BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(9)),
            frame.AsMemory(TaskHeader, length), frame.AsMemory(TaskHeader + length));
    }

    /// <summary>A result frame: success, job, index, then the value (items or a pickle) or the encoded exception.</summary>
    public static byte[] Result(bool success, long job, int index, byte[] payload)
    {
        var frame = new byte[ResultHeader + payload.Length];
        frame[0] = success ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(1), job);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(9), index);
        payload.CopyTo(frame, ResultHeader);
        return frame;
    }

    public static (bool Success, long Job, int Index, byte[] Payload) ReadResult(byte[] frame) =>
        (frame[0] == 1, BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(1)), BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(9)),
            frame.AsSpan(ResultHeader).ToArray());

    /// <summary>An apply's arguments: their items (raw when they can be), then the keyword arguments pickled, if any.</summary>
    public static byte[] Call(object?[] args, IReadOnlyDictionary<string, object?>? kwargs)
    {
        var items = Items(args);
        var rest = kwargs is null or { Count: 0 } ? [] : Pickler.Dumps(new Dictionary<string, object?>(kwargs));
        var frame = new byte[4 + items.Length + rest.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, items.Length);
        items.CopyTo(frame, 4);
        rest.CopyTo(frame, 4 + items.Length);
        return frame;
    }

    /// <summary>The arguments <see cref="Call"/> wrote.</summary>
    public static (object?[] Args, Dictionary<string, object?>? Kwargs) ReadCall(ReadOnlySpan<byte> data)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        var args = length == 0 ? [] : ReadItems(data.Slice(4, length));
        var rest = data[(4 + length)..];
        return (args, rest.Length == 0 ? null : (Dictionary<string, object?>)Pickler.Loads(rest.ToArray())!);
    }

    /// <summary>A chunk's items (or a map chunk's results): raw when all are long or all int, else pickled.</summary>
    public static byte[] Items(IReadOnlyList<object?> items)
    {
        var n = items.Count;
        if (n == 0) return [];
        if (items[0] is long)
        {
            if (Delta(items) is { } delta)
                return delta;
            if (AllSmallLongs(items))
            {
                var small = new byte[5 + 4 * n];
                var dest = MemoryMarshal.Cast<byte, int>(small.AsSpan(5));
                for (var i = 0; i < n; i++) dest[i] = (int)(long)items[i]!;
                small[0] = ItemsSmallLong;
                BinaryPrimitives.WriteInt32LittleEndian(small.AsSpan(1), n);
                return small;
            }
            var raw = new byte[5 + 8 * n];
            var longs = MemoryMarshal.Cast<byte, long>(raw.AsSpan(5));
            var all = true;
            for (var i = 0; i < n && all; i++)
            {
                if (items[i] is long l) longs[i] = l;
                else all = false;
            }
            if (all)
            {
                raw[0] = ItemsLong;
                BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(1), n);
                return raw;
            }
        }
        else if (items[0] is int)
        {
            var raw = new byte[5 + 4 * n];
            var ints = MemoryMarshal.Cast<byte, int>(raw.AsSpan(5));
            var all = true;
            for (var i = 0; i < n && all; i++)
            {
                if (items[i] is int v) ints[i] = v;
                else all = false;
            }
            if (all)
            {
                raw[0] = ItemsInt;
                BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(1), n);
                return raw;
            }
        }
        var array = new object?[n];
        for (var i = 0; i < n; i++) array[i] = items[i];
        var pickled = Pickler.Dumps(array);
        var frame = new byte[1 + pickled.Length];
        frame[0] = ItemsPickled;
        pickled.CopyTo(frame, 1);
        return frame;
    }

    /// <summary>All longs as zigzag varints of their differences, when that is at most 4 bytes an item; else null.</summary>
    private static byte[]? Delta(IReadOnlyList<object?> items)
    {
        var n = items.Count;
        var buffer = new byte[5 + 4 * n];
        var at = 5;
        var previous = 0L;
        for (var i = 0; i < n; i++)
        {
            if (items[i] is not long l) return null;
            var d = unchecked(l - previous);
            previous = l;
            var z = unchecked((ulong)((d << 1) ^ (d >> 63)));
            while (z >= 0x80)
            {
                if (at >= buffer.Length - 1) return null; // past 4 bytes an item: the raw forms are smaller
                buffer[at++] = (byte)(z | 0x80);
                z >>= 7;
            }
            if (at >= buffer.Length) return null;
            buffer[at++] = (byte)z;
        }
        buffer[0] = ItemsDelta;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1), n);
        return buffer.AsSpan(0, at).ToArray();
    }

    private static bool AllSmallLongs(IReadOnlyList<object?> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not long l || l < int.MinValue || l > int.MaxValue) return false;
        }
        return true;
    }

    /// <summary>The items <see cref="Items"/> wrote.</summary>
    public static object?[] ReadItems(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return [];
        switch (data[0])
        {
            case ItemsLong:
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
                var longs = MemoryMarshal.Cast<byte, long>(data.Slice(5, 8 * n));
                var items = new object?[n];
                for (var i = 0; i < n; i++) items[i] = longs[i];
                return items;
            }
            case ItemsDelta:
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
                var items = new object?[n];
                var at = 5;
                var previous = 0L;
                for (var i = 0; i < n; i++)
                {
                    ulong z = 0;
                    var shift = 0;
                    byte b;
                    do
                    {
                        b = data[at++];
                        z |= (ulong)(b & 0x7f) << shift;
                        shift += 7;
                    } while ((b & 0x80) != 0 && shift < 70);
                    var d = unchecked((long)(z >> 1) ^ -(long)(z & 1));
                    previous = unchecked(previous + d);
                    items[i] = previous;
                }
                return items;
            }
            case ItemsSmallLong:
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
                var ints = MemoryMarshal.Cast<byte, int>(data.Slice(5, 4 * n));
                var items = new object?[n];
                for (var i = 0; i < n; i++) items[i] = (long)ints[i];
                return items;
            }
            case ItemsInt:
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
                var ints = MemoryMarshal.Cast<byte, int>(data.Slice(5, 4 * n));
                var items = new object?[n];
                for (var i = 0; i < n; i++) items[i] = ints[i];
                return items;
            }
            default:
                return (object?[])Pickler.Loads(data[1..].ToArray())!;
        }
    }
}
