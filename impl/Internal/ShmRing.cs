using System;
using System.Threading;

namespace Multiprocessing.Internal;

/// <summary>
/// The byte channel under a Queue: a pipe in shared memory. A 64 KiB ring (a pipe's capacity on Linux) in an
/// anonymous memfd that children inherit by fd, exactly as they would inherit a pipe; writers block while it is full,
/// readers while it is empty (cross-process futexes on the position words). Unlike a pipe, reading a small frame is a
/// copy, not a syscall, and no reader ever takes more bytes than the frame it is reading, so items are never stranded
/// in one consumer process. Callers serialise readers with the queue's reader lock and writers with its writer lock,
/// as over a pipe; this type adds no locking of its own.
/// </summary>
internal sealed unsafe class ShmRing
{
    /// <summary>Data capacity: the default pipe capacity, so "a writer blocks once 64 KiB is unread" still holds.</summary>
    public const int Capacity = 1 << 16;

    private const int HeaderSize = 256;
    private const long MapSize = HeaderSize + Capacity;

    /// <summary>
    /// A blocked writer is woken once this much is free again (a pipe wakes its writer per freed 4 KiB page). Waking
    /// it on every read would cost a futex call per item, and on a shared CPU a context switch per item.
    /// </summary>
    private const int WriterWakeSpace = 4096;

    // Header layout (each word on its own cache line): read position, write position, and the "a reader / the writer
    // sleeps" flags. Readers are serialised by the queue's reader lock and writers by its writer lock, so one flag each
    // suffices: the sleeper sets it, the other side clears it when it wakes the sleeper.
    private const int HeadOffset = 0, TailOffset = 64, ReaderWaitersOffset = 128, WriterWaitersOffset = 192;

    private readonly byte* _base;
    private readonly byte* _data;

    private ShmRing(int fd, byte* mapping)
    {
        Fd = fd;
        _base = mapping;
        _data = mapping + HeaderSize;
    }

    /// <summary>The memfd; passed to children like a pipe fd (same number, via posix_spawn dup2).</summary>
    public int Fd { get; }

    private ref long Head => ref *(long*)(_base + HeadOffset);
    private ref long Tail => ref *(long*)(_base + TailOffset);
    private ref int ReaderWaiters => ref *(int*)(_base + ReaderWaitersOffset);
    private ref int WriterWaiters => ref *(int*)(_base + WriterWaitersOffset);

    /// <summary>Creates a new ring (CPython's <c>Pipe(duplex=False)</c> for a Queue).</summary>
    public static ShmRing Create()
    {
        var fd = Libc.memfd_create("mp-queue", Libc.MFD_CLOEXEC);
        if (fd < 0) throw Errors.Os(Libc.Errno);
        if (Libc.ftruncate(fd, MapSize) != 0)
        {
            var e = Libc.Errno;
            Libc.close(fd);
            throw Errors.Os(e);
        }
        return Attach(fd);
    }

    /// <summary>Maps a ring whose fd this process inherited.</summary>
    public static ShmRing Attach(int fd)
    {
        var p = Libc.mmap(IntPtr.Zero, (nuint)MapSize, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        if (p == Libc.MapFailed) throw Errors.Os(Libc.Errno);
        return new ShmRing(fd, (byte*)p);
    }

    /// <summary>True when no byte is readable right now (a pipe's "poll says not readable").</summary>
    public bool IsEmpty => Volatile.Read(ref Tail) == Volatile.Read(ref Head);

    /// <summary>Waits until at least one byte is readable; <paramref name="timeoutMs"/> &lt; 0 waits for ever.</summary>
    public bool WaitReadable(int timeoutMs)
    {
        if (!IsEmpty) return true;
        if (timeoutMs == 0) return false;
        var deadline = timeoutMs < 0 ? long.MaxValue : System.Diagnostics.Stopwatch.GetTimestamp() + timeoutMs * System.Diagnostics.Stopwatch.Frequency / 1000;
        while (true)
        {
            var tail = Volatile.Read(ref Tail);
            if (tail != Volatile.Read(ref Head)) return true;
            long remainingMs = -1;
            if (deadline != long.MaxValue)
            {
                var left = deadline - System.Diagnostics.Stopwatch.GetTimestamp();
                if (left <= 0) return false;
                remainingMs = Math.Max(1, left * 1000 / System.Diagnostics.Stopwatch.Frequency);
            }
            Interlocked.Exchange(ref ReaderWaiters, 1);
            // Recheck after announcing ourselves (both full barriers): a writer that advanced Tail before seeing the
            // flag is visible now; one that advances it later sees the flag and wakes us.
            if (Volatile.Read(ref Tail) == tail) FutexWait(ref Tail, tail, remainingMs);
        }
    }

    /// <summary>
    /// When a whole frame (4-byte little-endian length + body) of at most <paramref name="maxBody"/> bytes is already
    /// in the ring, returns its body length and leaves the read position at the body (call <see cref="ConsumeFrame"/>);
    /// otherwise returns -1 and consumes nothing. One position update per item instead of one per field.
    /// </summary>
    public int PeekWholeFrame(int maxBody)
    {
        var head = Volatile.Read(ref Head);
        var avail = Volatile.Read(ref Tail) - head;
        if (avail < 4) return -1;
        Span<byte> len = stackalloc byte[4];
        CopyOut(head, len);
        var n = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(len);
        return n >= 0 && n <= maxBody && avail >= 4 + n ? n : -1;
    }

    /// <summary>
    /// Copies bytes <paramref name="offset"/>.. of the body of the frame found by <see cref="PeekWholeFrame"/> into
    /// <paramref name="dest"/> and consumes the whole frame (<paramref name="bodyLength"/> bytes of body).
    /// </summary>
    public void ConsumeFrame(int bodyLength, int offset, Span<byte> dest)
    {
        var head = Volatile.Read(ref Head);
        CopyOut(head + 4 + offset, dest);
        Advance(head, 4 + bodyLength);
    }

    /// <summary>The body's bytes at <paramref name="offset"/> of the frame found by <see cref="PeekWholeFrame"/>, without consuming.</summary>
    public void PeekBody(int offset, Span<byte> dest) => CopyOut(Volatile.Read(ref Head) + 4 + offset, dest);

    private void Advance(long head, int n)
    {
        Interlocked.Exchange(ref Head, head + n); // full barrier: publish, then look for a sleeping writer
        if (Volatile.Read(ref WriterWaiters) != 0 && Capacity - (Volatile.Read(ref Tail) - head - n) >= WriterWakeSpace
            && Interlocked.Exchange(ref WriterWaiters, 0) != 0)
        {
            FutexWake(ref Head);
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes, blocking while the ring is empty.</summary>
    public void ReadExact(Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var head = Volatile.Read(ref Head);
            var avail = (int)(Volatile.Read(ref Tail) - head);
            if (avail == 0)
            {
                WaitReadable(-1);
                continue;
            }
            var n = Math.Min(avail, buffer.Length - done);
            CopyOut(head, buffer.Slice(done, n));
            done += n;
            Advance(head, n);
        }
    }

    /// <summary>Writes all of <paramref name="data"/>, blocking while the ring is full (like write(2) on a pipe).</summary>
    public void WriteAll(ReadOnlySpan<byte> data)
    {
        var done = 0;
        while (done < data.Length)
        {
            var tail = Volatile.Read(ref Tail);
            var head = Volatile.Read(ref Head);
            var space = Capacity - (int)(tail - head);
            if (space == 0)
            {
                Interlocked.Exchange(ref WriterWaiters, 1);
                if (Volatile.Read(ref Head) == head) FutexWait(ref Head, head, -1);
                continue;
            }
            var n = Math.Min(space, data.Length - done);
            CopyIn(tail, data.Slice(done, n));
            done += n;
            Interlocked.Exchange(ref Tail, tail + n);
            if (Volatile.Read(ref ReaderWaiters) != 0 && Interlocked.Exchange(ref ReaderWaiters, 0) != 0) FutexWake(ref Tail);
        }
    }

    private void CopyOut(long pos, Span<byte> dest)
    {
        var start = (int)(pos & (Capacity - 1));
        var first = Math.Min(dest.Length, Capacity - start);
        new ReadOnlySpan<byte>(_data + start, first).CopyTo(dest);
        if (first < dest.Length) new ReadOnlySpan<byte>(_data, dest.Length - first).CopyTo(dest[first..]);
    }

    private void CopyIn(long pos, ReadOnlySpan<byte> src)
    {
        var start = (int)(pos & (Capacity - 1));
        var first = Math.Min(src.Length, Capacity - start);
        src[..first].CopyTo(new Span<byte>(_data + start, first));
        if (first < src.Length) src[first..].CopyTo(new Span<byte>(_data, src.Length - first));
    }

    // The futex word is the low 32 bits of a position (little-endian): it changes whenever the position moves.
    private static void FutexWait(ref long word, long expected, long timeoutMs)
    {
        fixed (long* p = &word)
        {
            if (timeoutMs < 0)
            {
                Libc.futex((int*)p, Libc.FUTEX_WAIT, unchecked((int)expected), null);
            }
            else
            {
                var ts = new Libc.Timespec { Sec = timeoutMs / 1000, Nsec = timeoutMs % 1000 * 1_000_000 };
                Libc.futex((int*)p, Libc.FUTEX_WAIT, unchecked((int)expected), &ts);
            }
        }
        // EAGAIN (moved already), EINTR and ETIMEDOUT all mean "look again"; callers loop and check their deadline.
    }

    private static void FutexWake(ref long word)
    {
        fixed (long* p = &word) Libc.futex((int*)p, Libc.FUTEX_WAKE, int.MaxValue, null);
    }
}
