using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// CPython's client half of managers.py: <c>dispatch</c>, <c>convert_to_error</c>, the connection a thread keeps per
/// server (<c>BaseProxy._address_to_local</c>), and opening a connection to a server (socket path or TCP).
/// </summary>
internal static unsafe class ManagerClient
{
    /// <summary>A thread's open connections, by server address (CPython keeps one per thread and address, shared by its proxies).</summary>
    [ThreadStatic] private static Dictionary<string, Connection>? t_connections;

    /// <summary>The longest reply a client accepts (a hostile or broken server cannot make it allocate more).</summary>
    public const long MaxReply = 256L << 20;

    public static string Key(object address) => address switch
    {
        string path => path,
        PyTuple { Items: [string host, long port] } => host + ":" + port,
        _ => PyRepr.Repr(address),
    };

    /// <summary>CPython's <c>Client(address, authkey)</c>; an OS failure is raised as CPython's subclass (FileNotFoundError, ConnectionRefusedError).</summary>
    public static Connection Open(object address, byte[] authkey)
    {
        try
        {
            var c = address switch
            {
                string path => Connection.Client(path, authkey),
                PyTuple { Items: [string host, long port] } => Connection.Client((host, checked((int)port)), authkey),
                _ => throw new ValueError($"unrecognized manager address {PyRepr.Repr(address)}: a socket path or (host, port)"),
            };
            c.MaxMessageLength = MaxReply;
            return c;
        }
        catch (OSError e) when (e.HasErrno)
        {
            throw PythonOs(e);
        }
    }

    /// <summary>An impl OSError as CPython's errno subclass (BrokenPipeError, ConnectionResetError, ...), same text.</summary>
    public static Exception PythonOs(OSError e) =>
        e.HasErrno ? PyErrors.Raise("OSError", [(long)e.Errno, Libc.StrError(e.Errno)]) : e;

    /// <summary>CPython's <c>dispatch(c, id, methodname, args, kwds)</c>: one request, one reply; the reply's error raised.</summary>
    public static object? Dispatch(Connection c, string? id, string method, IReadOnlyList<object?>? args, PyDict? kwds, byte[] authkey)
    {
        var (kind, result) = Exchange(c, id, method, args, kwds, authkey);
        if (kind == "#RETURN") return result;
        throw ConvertToError(kind, result);
    }

    /// <summary>Sends a request and returns the reply's (kind, value).</summary>
    public static (string Kind, object? Result) Exchange(Connection c, string? id, string method, IReadOnlyList<object?>? args, PyDict? kwds, byte[] authkey)
    {
        object? reply;
        try
        {
            var request = new PyTuple(new object?[] { id, method, new PyTuple(args ?? Array.Empty<object?>()), kwds ?? new PyDict() });
            c.SendBytes(WirePickleWriter.Dumps(request));
            SpinUntilReadable(c);
            var data = c.RecvBytes();
            reply = WirePickleReader.Loads(data, (type, token, kw) => Proxies.Rebuild(type, token, kw, authkey, server: null));
        }
        catch (OSError e) when (e.HasErrno)
        {
            throw PythonOs(e);
        }
        if (reply is PyTuple { Items: [string kind, var result] })
            return (kind, result);
        throw new ValueError($"Unrecognized message from the manager's server: {PyRepr.Repr(reply)}");
    }

    /// <summary>
    /// Yields the CPU a few times while the reply is on its way, before the blocking read: a round trip is two
    /// wake-ups, and on a busy machine a sleeping reader's wake-up costs more than the server's work (the same reason
    /// impl's semaphores spin; CONFORMANCE_MP_SPIN=0 disables both).
    /// </summary>
    public static void SpinUntilReadable(Connection c)
    {
        var spins = SemLock.SpinYields;
        if (spins <= 0) return;
        var fd = new Libc.PollFd { Fd = c.Fileno(), Events = Libc.POLLIN };
        var last = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < spins; i++)
        {
            if (Libc.poll(&fd, 1, 0) > 0) return;
            Thread.Yield();
            // As SemLock.Acquire: a slow yield means other processes compete for this CPU; block in read instead.
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (now - last > SemLock.SlowYieldTicks) return;
            last = now;
        }
    }

    /// <summary>CPython's <c>convert_to_error(kind, result)</c>.</summary>
    public static Exception ConvertToError(string kind, object? result)
    {
        switch (kind)
        {
            case "#ERROR":
                return result as Exception ?? new RemoteError(PyRepr.Str(result));
            case "#TRACEBACK" or "#UNSERIALIZABLE":
                if (result is not string text)
                    return PyErrors.TypeError($"Result {PyRepr.Repr(result)} (kind '{kind}') type is {PyOps.TypeName(result)}, not str");
                return kind == "#UNSERIALIZABLE" ? new RemoteError($"Unserializable message: {text}\n") : new RemoteError(text);
            default:
                return new ValueError($"Unrecognized message type {PyRepr.Repr(kind)}");
        }
    }

    /// <summary>The calling thread's connection to <paramref name="address"/>, opened and <c>accept_connection</c>-ed on first use.</summary>
    public static Connection ThreadConnection(object address, byte[] authkey)
    {
        var map = t_connections ??= new Dictionary<string, Connection>(StringComparer.Ordinal);
        var key = Key(address);
        if (map.TryGetValue(key, out var c) && !c.Closed) return c;
        c = Open(address, authkey);
        try
        {
            var name = Mp.CurrentProcess().Name + "|" + (Thread.CurrentThread.Name ?? (Thread.CurrentThread.ManagedThreadId == Mp.MainThreadId ? "MainThread" : $"Thread-{Thread.CurrentThread.ManagedThreadId}"));
            Dispatch(c, null, "accept_connection", [name], null, authkey);
        }
        catch
        {
            c.Close();
            throw;
        }
        map[key] = c;
        return c;
    }

    /// <summary>Forgets (and closes) the calling thread's connection to <paramref name="address"/> (after a failure on it).</summary>
    public static void DropThreadConnection(object address)
    {
        if (t_connections is { } map && map.Remove(Key(address), out var c)) c.Close();
    }

    /// <summary>One short request on a new connection (create, incref, decref, shutdown...), as CPython's managers do.</summary>
    public static object? Call(object address, byte[] authkey, string method, IReadOnlyList<object?>? args = null, PyDict? kwds = null)
    {
        using var c = Open(address, authkey);
        return Dispatch(c, null, method, args, kwds, authkey);
    }
}
