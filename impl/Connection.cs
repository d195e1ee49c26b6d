using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.connection.Connection</c>: messages over a file descriptor (a pipe or a socket) with
/// CPython's framing, so either end may be CPython. Also holds the module functions <see cref="Pipe"/>,
/// <see cref="Client(string, byte[])"/> and <see cref="Wait"/>.
/// </summary>
public sealed unsafe class Connection : IShareable, IDisposable
{
    // Bodies up to this size are read into an exactly sized array at once; larger ones grow as bytes arrive, so a
    // peer that declares a huge length and then stops costs memory in proportion to what it actually sent.
    private const int InitialChunk = 1 << 20;

    private int _handle;
    private bool _readable;
    private readonly bool _writable;

    /// <summary>CPython's <c>Connection(handle, readable=True, writable=True)</c>: takes ownership of the fd.</summary>
    public Connection(int handle, bool readable = true, bool writable = true)
    {
        if (handle < 0) throw new ValueError("invalid handle");
        if (!readable && !writable) throw new ValueError("at least one of `readable` and `writable` must be True");
        _handle = handle;
        _readable = readable;
        _writable = writable;
    }

    /// <summary>Closes the fd if <see cref="Close"/> was never called (CPython's <c>__del__</c>).</summary>
    ~Connection()
    {
        var h = Interlocked.Exchange(ref _handle, -1);
        if (h >= 0) Libc.close(h);
    }

    /// <summary>How <see cref="Send"/>/<see cref="Recv"/> serialise: <see cref="PickleFormat.Impl"/> (default) or <see cref="PickleFormat.CPython"/> for a Python peer.</summary>
    public PickleFormat Format { get; set; } = PickleFormat.Impl;

    /// <summary>
    /// The largest message length this end accepts (null: unlimited, as CPython). A longer declared length is refused
    /// from the header alone, before anything is allocated, like <c>recv_bytes(maxlength)</c>.
    /// </summary>
    public long? MaxMessageLength { get; set; }

    /// <summary>CPython's <c>closed</c>.</summary>
    public bool Closed => _handle < 0;

    /// <summary>CPython's <c>readable</c>.</summary>
    public bool Readable => _readable;

    /// <summary>CPython's <c>writable</c>.</summary>
    public bool Writable => _writable;

    /// <summary>CPython's <c>fileno()</c>.</summary>
    public int Fileno()
    {
        CheckClosed();
        return _handle;
    }

    /// <summary>CPython's <c>close()</c>: closes the fd; a second call does nothing.</summary>
    public void Close()
    {
        var h = Interlocked.Exchange(ref _handle, -1);
        if (h >= 0) Libc.close(h);
        GC.SuppressFinalize(this);
    }

    /// <summary>CPython's <c>with conn:</c> exit: <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>CPython's <c>send_bytes(buf, offset=0, size=None)</c>.</summary>
    public void SendBytes(byte[] buf, int offset = 0, int? size = null)
    {
        CheckClosed();
        CheckWritable();
        ArgumentNullException.ThrowIfNull(buf);
        var n = buf.Length;
        if (offset < 0) throw new ValueError("offset is negative");
        if (n < offset) throw new ValueError("buffer length < offset");
        int count;
        if (size is null) count = n - offset;
        else if (size < 0) throw new ValueError("size is negative");
        else if ((long)offset + size.Value > n) throw new ValueError("buffer length < offset + size");
        else count = size.Value;
        SendFrame(buf.AsSpan(offset, count));
    }

    /// <summary>CPython's <c>send(obj)</c>: pickles <paramref name="obj"/> in <see cref="Format"/> and sends it as one message.</summary>
    public void Send(object? obj)
    {
        CheckClosed();
        CheckWritable();
        SendFrame(Format == PickleFormat.CPython ? PyPickleWriter.Dumps(obj) : Pickler.Dumps(obj));
    }

    /// <summary>CPython's <c>recv_bytes(maxlength=None)</c>: a longer message raises <c>OSError('bad message length')</c> and ends reading.</summary>
    public byte[] RecvBytes(long? maxlength = null)
    {
        CheckClosed();
        CheckReadable();
        if (maxlength is < 0) throw new ValueError("negative maxlength");
        return ReceiveFrame(maxlength);
    }

    /// <summary>
    /// CPython's <c>recv_bytes_into(buf, offset=0)</c>: the number of bytes stored at <paramref name="offset"/>;
    /// <see cref="BufferTooShort"/> (carrying the whole message) when it does not fit.
    /// </summary>
    public int RecvBytesInto(byte[] buf, int offset = 0)
    {
        CheckClosed();
        CheckReadable();
        ArgumentNullException.ThrowIfNull(buf);
        if (offset < 0) throw new ValueError("negative offset");
        if (offset > buf.Length) throw new ValueError("offset too large");
        var result = ReceiveFrame(null);
        if (buf.Length < offset + (long)result.Length) throw new BufferTooShort(result);
        result.CopyTo(buf, offset);
        return result.Length;
    }

    /// <summary>CPython's <c>recv()</c>: one message, unpickled in <see cref="Format"/>; <see cref="EOFError"/> when the peer has closed.</summary>
    public object? Recv()
    {
        CheckClosed();
        CheckReadable();
        var data = ReceiveFrame(null);
        return Format == PickleFormat.CPython ? PyPickleReader.Loads(data) : Pickler.Loads(data);
    }

    /// <summary>CPython's <c>poll(timeout=0.0)</c>: whether data (or EOF) is ready; null waits for ever.</summary>
    public bool Poll(double? timeout = 0.0)
    {
        CheckClosed();
        CheckReadable();
        return Wait([this], timeout).Count > 0;
    }

    /// <summary>CPython's <c>multiprocessing.Pipe(duplex=True)</c>: a socketpair, or for simplex an OS pipe as <c>(reader, writer)</c>.</summary>
    public static (Connection, Connection) Pipe(bool duplex = true)
    {
        if (duplex)
        {
            var (a, b) = Sockets.SocketPair();
            return (new Connection(a), new Connection(b));
        }
        var (r, w) = Libc.Pipe();
        return (new Connection(r, writable: false), new Connection(w, readable: false));
    }

    /// <summary>CPython's <c>Client(address, authkey=None)</c> for an AF_UNIX path: connects, then (with an authkey) answers and delivers the challenge.</summary>
    public static Connection Client(string address, byte[]? authkey = null) => Client(address, "AF_UNIX", authkey);

    /// <summary>CPython's <c>Client((host, port), authkey=None)</c> over TCP (AF_INET).</summary>
    public static Connection Client((string Host, int Port) address, byte[]? authkey = null) => Client(address, "AF_INET", authkey);

    private static Connection Client(object address, string family, byte[]? authkey)
    {
        var c = new Connection(Sockets.Connect(Listener.FamilyCode(family), address));
        if (authkey is not null)
        {
            try
            {
                Handshake.Answer(c, authkey);
                Handshake.Deliver(c, authkey);
            }
            catch
            {
                c.Close();
                throw;
            }
        }
        return c;
    }

    /// <summary>
    /// CPython's <c>multiprocessing.connection.wait(object_list, timeout=None)</c>: the objects that are ready to read
    /// (data or EOF), in the order given. Objects: <see cref="Connection"/>, <see cref="Listener"/> (a client is
    /// waiting), a <see cref="Process"/> (its <see cref="Process.Sentinel"/>), or an int fd such as a sentinel.
    /// Null timeout waits for ever; an empty list returns at once when the timeout ends.
    /// </summary>
    public static List<object> Wait(IEnumerable<object> objects, double? timeout = null)
    {
        var list = new List<object>(objects);
        var fds = new Libc.PollFd[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            fds[i] = new Libc.PollFd
            {
                Fd = list[i] switch
                {
                    Connection c => c.Fileno(),
                    Listener l => l.Fileno(),
                    Process p => p.Sentinel,
                    int fd when fd >= 0 => fd,
                    int fd => throw new ValueError($"Invalid file descriptor: {fd}"),
                    _ => throw new ValueError($"Invalid file object: {list[i]}"),
                },
                Events = Libc.POLLIN,
            };
        }
        var deadline = timeout is null ? 0 : Environment.TickCount64 + (long)Math.Ceiling(Math.Max(0, timeout.Value) * 1000);
        while (true)
        {
            var ms = timeout is null ? -1 : (int)Math.Max(0, Math.Min(int.MaxValue, deadline - Environment.TickCount64));
            int r;
            fixed (Libc.PollFd* p = fds) r = Libc.poll(p, (nuint)fds.Length, ms);
            if (r < 0)
            {
                var e = Libc.Errno;
                if (e == Libc.EINTR) continue;
                throw Errors.Os(e);
            }
            var ready = new List<object>();
            for (var i = 0; i < fds.Length; i++)
            {
                if (fds[i].Revents != 0) ready.Add(list[i]);
            }
            if (ready.Count > 0 || ms == 0 || (timeout is not null && Environment.TickCount64 >= deadline)) return ready;
        }
    }

    /// <summary>Text like CPython's repr: <c>&lt;Connection fd=5 readable writable&gt;</c>.</summary>
    public override string ToString() =>
        Closed ? "<Connection closed>" : $"<Connection fd={_handle}{(_readable ? " readable" : "")}{(_writable ? " writable" : "")}>";

    private void CheckClosed()
    {
        if (_handle < 0) throw new OSError("handle is closed");
    }

    private void CheckReadable()
    {
        if (!_readable) throw new OSError("connection is write-only");
    }

    private void CheckWritable()
    {
        if (!_writable) throw new OSError("connection is read-only");
    }

    /// <summary>CPython's <c>_bad_message_length</c>: stop reading (or close a read-only end) and raise.</summary>
    private OSError BadMessageLength(string message)
    {
        if (_writable) _readable = false;
        else Close();
        return new OSError(message);
    }

    private void SendFrame(ReadOnlySpan<byte> payload)
    {
        var header = Framing.Header(payload.Length);
        if (payload.Length > Framing.ConcatenateMax)
        {
            Libc.WriteAll(_handle, header);
            Libc.WriteAll(_handle, payload);
        }
        else
        {
            // One write, as CPython: no Nagle delay on TCP, and no separate empty write for an empty message.
            Span<byte> frame = stackalloc byte[header.Length + payload.Length];
            header.CopyTo(frame);
            payload.CopyTo(frame[header.Length..]);
            Libc.WriteAll(_handle, frame);
        }
    }

    private byte[] ReceiveFrame(long? maxlength)
    {
        Span<byte> four = stackalloc byte[4];
        ReadExactly(four, atMessageStart: true);
        long size = Framing.ReadShort(four);
        ulong longSize = 0;
        var isLong = size == -1;
        if (isLong)
        {
            Span<byte> eight = stackalloc byte[8];
            ReadExactly(eight, atMessageStart: false);
            longSize = Framing.ReadLong(eight);
        }
        else if (size < 0)
        {
            return []; // CPython: _recv(negative) reads nothing and returns b''
        }
        var declared = isLong ? longSize : (ulong)size;
        if (maxlength is not null && declared > (ulong)maxlength.Value) throw BadMessageLength("bad message length");
        if (MaxMessageLength is { } limit && declared > (ulong)Math.Max(0, limit))
            throw BadMessageLength(
                $"bad message length: the peer declared {declared} bytes, more than this connection's MaxMessageLength " +
                $"({limit}); nothing was read past the header. Raise MaxMessageLength if such messages are expected");
        if (declared > (ulong)Array.MaxLength)
            throw BadMessageLength(
                $"bad message length: the peer declared {declared} bytes, more than a .NET byte array holds ({Array.MaxLength}); " +
                "send large data in several messages");
        return ReadBody((int)declared);
    }

    private byte[] ReadBody(int size)
    {
        var buf = new byte[Math.Min(size, InitialChunk)];
        var done = 0;
        while (done < size)
        {
            if (done == buf.Length) Array.Resize(ref buf, (int)Math.Min(size, (long)buf.Length * 2));
            done += ReadSome(buf.AsSpan(done, buf.Length - done), atMessageStart: false);
        }
        return buf;
    }

    private void ReadExactly(Span<byte> target, bool atMessageStart)
    {
        var done = 0;
        while (done < target.Length) done += ReadSome(target[done..], atMessageStart && done == 0);
    }

    private int ReadSome(Span<byte> target, bool atMessageStart)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = target) n = Libc.read(_handle, p, target.Length);
            if (n > 0) return (int)n;
            if (n == 0)
            {
                if (atMessageStart) throw new EOFError();
                throw new OSError("got end of file during message");
            }
            var e = Libc.Errno;
            if (e != Libc.EINTR) throw Errors.Os(e);
        }
    }

    string IShareable.ShareKind => "Connection";

    void IShareable.WriteState(PickleWriter writer)
    {
        // CPython's reduce_connection: DupFd(conn.fileno()) while spawning; the child gets the same fd number.
        var fd = Fileno();
        writer.WriteInt(fd);
        writer.SpawnFds!.Add(fd);
        writer.WriteBool(_readable);
        writer.WriteBool(_writable);
        writer.WriteInt((int)Format);
        writer.WriteValue(MaxMessageLength);
    }

    internal static Connection Rebuild(PickleReader r)
    {
        var c = new Connection(r.ReadInt(), r.ReadBool(), r.ReadBool());
        c.Format = (PickleFormat)r.ReadInt();
        c.MaxMessageLength = (long?)r.ReadValue();
        return c;
    }
}
