using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.Queue(maxsize=0)</c>: one byte channel, a reader lock, a writer lock, a bounded
/// semaphore counting capacity, and per process a buffer drained into the channel by a feeder thread. The channel is
/// <see cref="ShmRing"/>, a 64 KiB pipe in shared memory (inherited by fd like a pipe): a get of a small item copies
/// from it instead of making two read(2) calls.
/// </summary>
public class Queue : IShareable
{
    // Flush the feeder's batch at this size so the reader can start while the feeder pickles the rest.
    private const int MaxBatchBytes = 1 << 14;

    private readonly int _maxsize;
    private readonly ShmRing _ring;
    private readonly Lock _rlock;
    private readonly Lock _wlock;
    private readonly BoundedSemaphore _sem;

    private readonly Queue<object?> _buffer = new();
    private Thread? _thread;
    private bool _closed;
    private bool _closeRequested;
    private bool _joinCancelled;

    // Set by the feeder once close() has been flushed: like CPython's _feed, which then closes this process's reader
    // end, so empty() raises OSError('handle is closed') (other processes' copies are unaffected).
    private volatile bool _readerClosed;

    /// <summary>Creates a queue; <paramref name="maxsize"/> &lt;= 0 means unbounded (SEM_VALUE_MAX).</summary>
    public Queue(int maxsize = 0)
    {
        _maxsize = maxsize <= 0 ? SemLock.SemValueMax : maxsize;
        _ring = ShmRing.Create();
        _rlock = new Lock();
        _wlock = new Lock();
        _sem = new BoundedSemaphore(_maxsize);
    }

    private protected Queue(int maxsize, ShmRing ring, Lock rlock, Lock wlock, BoundedSemaphore sem)
    {
        _maxsize = maxsize;
        _ring = ring;
        _rlock = rlock;
        _wlock = wlock;
        _sem = sem;
    }

    /// <summary>CPython's <c>_maxsize</c> (2147483647 when unbounded).</summary>
    public int MaxSize => _maxsize;

    /// <summary>CPython's <c>put(obj, block=True, timeout=None)</c>: raises <see cref="Full"/>; pickling happens later in the feeder.</summary>
    public void Put(object? obj, bool block = true, double? timeout = null)
    {
        if (_closed) throw Errors.QueueClosed(this);
        if (!_sem.Acquire(block, timeout)) throw new global::Multiprocessing.Full();
        lock (_buffer)
        {
            if (_thread is null) StartThread();
            _buffer.Enqueue(obj);
            OnPut();
            Monitor.Pulse(_buffer);
        }
    }

    /// <summary>CPython's <c>put_nowait(obj)</c>.</summary>
    public void PutNowait(object? obj) => Put(obj, false);

    /// <summary>CPython's <c>get(block=True, timeout=None)</c>: raises <see cref="Empty"/>; a negative timeout acts non-blocking.</summary>
    public object? Get(bool block = true, double? timeout = null)
    {
        if (_closed) throw Errors.QueueClosed(this);
        object? value;
        byte[]? raw;
        if (block && timeout is null)
        {
            _rlock.Acquire();
            try
            {
                raw = ReadFrame(out value);
            }
            finally
            {
                _rlock.Release();
            }
            _sem.Release();
        }
        else
        {
            var sw = Stopwatch.StartNew();
            if (!_rlock.Acquire(block, timeout)) throw new global::Multiprocessing.Empty();
            try
            {
                var remainingMs = block ? (int)Math.Max(0, Math.Ceiling((timeout!.Value - sw.Elapsed.TotalSeconds) * 1000)) : 0;
                if (!_ring.WaitReadable(remainingMs)) throw new global::Multiprocessing.Empty();
                raw = ReadFrame(out value);
                _sem.Release();
            }
            finally
            {
                _rlock.Release();
            }
        }
        // As in CPython, general unpickling happens after the reader lock is released.
        return raw is null ? value : Pickler.Loads(raw);
    }

    /// <summary>CPython's <c>get_nowait()</c>.</summary>
    public object? GetNowait() => Get(false);

    /// <summary>Typed convenience over <see cref="Get"/>.</summary>
    public T Get<T>(bool block = true, double? timeout = null) => (T)Get(block, timeout)!;

    /// <summary>CPython's <c>qsize()</c>: maxsize minus the capacity semaphore's value.</summary>
    public int QSize() => _maxsize - _sem.GetValue();

    /// <summary>CPython's <c>empty()</c>: true when the pipe has no readable data right now.</summary>
    public bool Empty() => _readerClosed ? throw new OSError("handle is closed") : _ring.IsEmpty;

    /// <summary>CPython's <c>full()</c>: true when the capacity semaphore is at zero.</summary>
    public bool Full() => _sem.SemLock.IsZero;

    /// <summary>CPython's <c>close()</c>: no more put/get here; the feeder flushes what is buffered and exits.</summary>
    public void Close()
    {
        _closed = true;
        lock (_buffer)
        {
            _closeRequested = true;
            Monitor.Pulse(_buffer);
        }
    }

    /// <summary>CPython's <c>join_thread()</c>: waits for the feeder after <see cref="Close"/>.</summary>
    public void JoinThread()
    {
        if (!_closed) throw Errors.QueueNotClosed(this);
        _thread?.Join();
    }

    /// <summary>CPython's <c>cancel_join_thread()</c>: do not wait for the feeder at exit (unflushed data is lost).</summary>
    public void CancelJoinThread() => _joinCancelled = true;

    /// <summary>CPython's repr, <c>&lt;multiprocessing.queues.Queue object at 0x...&gt;</c>.</summary>
    public override string ToString() =>
        $"<multiprocessing.queues.{GetType().Name} object at 0x{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this):x}>";

    /// <summary>Called under the buffer lock for each put (JoinableQueue counts unfinished tasks).</summary>
    private protected virtual void OnPut()
    {
    }

    /// <summary>
    /// Reads one frame (4-byte little-endian length, then the pickle). Ints and byte arrays, which cannot fail to
    /// unpickle, are decoded straight from the ring (<paramref name="value"/>, returns null); anything else is returned
    /// as its pickle bytes for <see cref="Pickler.Loads"/>.
    /// </summary>
    private byte[]? ReadFrame(out object? value)
    {
        value = null;
        Span<byte> head = stackalloc byte[9];
        var whole = _ring.PeekWholeFrame(ShmRing.Capacity - 4);
        if (whole >= 5)
        {
            // The whole frame is in the ring: decode it in place and advance once.
            _ring.PeekBody(0, head[..5]);
            var t = head[0];
            var v = BinaryPrimitives.ReadInt32LittleEndian(head[1..]);
            if (whole == 5 && t == PickleCodes.VInt)
            {
                _ring.ConsumeFrame(whole, 0, default);
                value = v;
                return null;
            }
            if (t == PickleCodes.VBytes && v == whole - 5)
            {
                var bytes = new byte[v];
                _ring.ConsumeFrame(whole, 5, bytes);
                value = bytes;
                return null;
            }
            var body = new byte[whole];
            _ring.ConsumeFrame(whole, 0, body);
            return body;
        }
        _ring.ReadExact(head[..4]);
        var len = BinaryPrimitives.ReadInt32LittleEndian(head);
        if (len < 5)
        {
            var small = new byte[len];
            _ring.ReadExact(small);
            return small;
        }
        _ring.ReadExact(head.Slice(4, 5));
        var tag = head[4];
        var n = BinaryPrimitives.ReadInt32LittleEndian(head[5..]);
        if (len == 5 && tag == PickleCodes.VInt)
        {
            value = n;
            return null;
        }
        if (tag == PickleCodes.VBytes && n == len - 5)
        {
            var bytes = new byte[n];
            _ring.ReadExact(bytes);
            value = bytes;
            return null;
        }
        var data = new byte[len];
        head.Slice(4, 5).CopyTo(data);
        _ring.ReadExact(data.AsSpan(5));
        return data;
    }

    private void StartThread()
    {
        _thread = new Thread(Feed) { IsBackground = true, Name = "QueueFeederThread" };
        _thread.Start();
        var thread = _thread;
        ExitHooks.AddFeederJoin(() =>
        {
            if (_joinCancelled) return;
            lock (_buffer)
            {
                _closeRequested = true;
                Monitor.Pulse(_buffer);
            }
            thread.Join();
        });
    }

    private void Feed()
    {
        var items = new List<object?>();
        var batch = new MemoryStream();
        Span<byte> head = stackalloc byte[9];
        while (true)
        {
            bool closing;
            lock (_buffer)
            {
                while (_buffer.Count == 0 && !_closeRequested) Monitor.Wait(_buffer);
                while (_buffer.Count > 0) items.Add(_buffer.Dequeue());
                closing = _closeRequested && _buffer.Count == 0;
            }
            foreach (var item in items)
            {
                // Fast paths for the commonest items, byte-identical to Pickler.Dumps (a tag, then the value).
                if (item is int i)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(head, 5);
                    head[4] = PickleCodes.VInt;
                    BinaryPrimitives.WriteInt32LittleEndian(head[5..], i);
                    batch.Write(head);
                    if (batch.Length >= MaxBatchBytes) Flush(batch);
                    continue;
                }
                if (item is byte[] b)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(head, 5 + b.Length);
                    head[4] = PickleCodes.VBytes;
                    BinaryPrimitives.WriteInt32LittleEndian(head[5..], b.Length);
                    batch.Write(head);
                    batch.Write(b);
                    if (batch.Length >= MaxBatchBytes) Flush(batch);
                    continue;
                }
                byte[] bytes;
                try
                {
                    bytes = Pickler.Dumps(item);
                }
                catch (Exception e)
                {
                    // CPython's _feed: release the item's slot, print the traceback, drop the item, keep feeding.
                    _sem.Release();
                    Console.Error.Write(Errors.FeederTraceback(e));
                    Console.Error.Flush();
                    continue;
                }
                BinaryPrimitives.WriteInt32LittleEndian(head, bytes.Length);
                batch.Write(head[..4]);
                batch.Write(bytes);
                if (batch.Length >= MaxBatchBytes) Flush(batch);
            }
            items.Clear();
            Flush(batch);
            if (closing)
            {
                // Only close() ends the feeder this way before exit: CPython's sentinel closes the reader too.
                if (_closed) _readerClosed = true;
                return;
            }
        }
    }

    private void Flush(MemoryStream batch)
    {
        if (batch.Length == 0) return;
        _wlock.Acquire();
        try
        {
            _ring.WriteAll(batch.GetBuffer().AsSpan(0, (int)batch.Length));
        }
        finally
        {
            _wlock.Release();
            batch.SetLength(0);
        }
    }

    string IShareable.ShareKind => GetType().Name;

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteInt(_maxsize);
        writer.WriteInt(_ring.Fd);
        writer.SpawnFds!.Add(_ring.Fd);
        writer.WriteValue(_rlock);
        writer.WriteValue(_wlock);
        writer.WriteValue(_sem);
        WriteExtraState(writer);
    }

    private protected virtual void WriteExtraState(PickleWriter writer)
    {
    }

    internal static Queue Rebuild(PickleReader r) =>
        new(r.ReadInt(), ShmRing.Attach(r.ReadInt()), (Lock)r.ReadValue()!, (Lock)r.ReadValue()!, (BoundedSemaphore)r.ReadValue()!);
}
