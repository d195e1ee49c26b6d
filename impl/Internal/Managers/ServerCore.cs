using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// CPython's <c>managers.Server</c>: accepts connections, authenticates each (both directions), answers the public
/// functions (<c>create</c>, <c>incref</c>, <c>decref</c>, <c>accept_connection</c>, <c>get_methods</c>,
/// <c>debug_info</c>, <c>number_of_objects</c>, <c>dummy</c>, <c>shutdown</c>) and, on an accepted connection, serves
/// method calls on the referents, one thread per connection. Hostile peers: the handshake and first request must
/// arrive within <see cref="HandshakeSeconds"/>; messages longer than <see cref="MaxRequest"/> are refused by length;
/// a request that does not unpickle (a global outside the allow-list, garbage) is answered <c>#TRACEBACK</c> as CPython
/// answers it, and the server goes on; at most <see cref="MaxConnections"/> connections are served at once, a further
/// one is closed at once (its client sees EOFError during the handshake) and the refusal is written to stderr.
/// </summary>
internal sealed class ServerCore
{
    public const int MaxConnections = 256;
    public const double HandshakeSeconds = 20;
    public const long MaxRequest = 256L << 20;

    private static readonly string[] Public =
        ["shutdown", "create", "accept_connection", "get_methods", "debug_info", "number_of_objects", "dummy", "incref", "decref"];

    private readonly Dictionary<string, RegistryEntry> _registry;
    private readonly byte[] _authkey;
    private readonly Listener _listener;
    private readonly object _gate = new();
    private readonly Dictionary<string, (object Obj, HashSet<string> Exposed, IReadOnlyDictionary<string, string>? MethodToTypeid)> _idToObj = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refcount = new(StringComparer.Ordinal);
    private readonly HashSet<string> _local = new(StringComparer.Ordinal);
    private readonly ManualResetEventSlim _stop = new();
    private long _nextId;
    private int _connections;
    private bool _refusalReported;

    public ServerCore(IEnumerable<RegistryEntry> registry, object address, byte[] authkey)
    {
        _registry = registry.ToDictionary(e => e.Typeid, StringComparer.Ordinal);
        _authkey = authkey;
        _listener = address switch
        {
            string path => new Listener(path, "AF_UNIX", backlog: 128),
            PyTuple { Items: [string host, long port] } => new Listener((host, checked((int)port)), backlog: 128),
            _ => throw new ValueError($"unrecognized manager address {PyRepr.Repr(address)}: a socket path or (host, port)"),
        };
        Address = _listener.Address is ValueTuple<string, int> hp ? new PyTuple(new object?[] { hp.Item1, (long)hp.Item2 }) : _listener.Address;
    }

    /// <summary>The bound address: the socket path, or <c>(host, port)</c> with the port the OS chose.</summary>
    public object Address { get; }

    /// <summary>CPython's <c>serve_forever()</c>: serves until a client calls <c>shutdown</c>, then closes the listener.</summary>
    public void ServeForever()
    {
        var accepter = new Thread(AcceptLoop) { IsBackground = true, Name = "manager-accepter" };
        accepter.Start();
        _stop.Wait();
        _listener.Close();
    }

    private void AcceptLoop()
    {
        while (!_stop.IsSet)
        {
            Connection c;
            try
            {
                c = _listener.Accept();
            }
            catch (Exception) when (_stop.IsSet)
            {
                return;
            }
            catch (OSError)
            {
                continue; // a client that went away between connect and accept
            }
            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                c.Close();
                if (!_refusalReported)
                {
                    _refusalReported = true;
                    Console.Error.WriteLine($"manager server {Mp.Describe()}: {MaxConnections} connections are being served; refusing further ones until one ends");
                }
                continue;
            }
            var t = new Thread(() => HandleRequest(c)) { IsBackground = true, Name = "manager-connection" };
            t.Start();
        }
    }

    private object? Recv(Connection c) =>
        WirePickleReader.Loads(c.RecvBytes(), (type, token, kw) => Proxies.Rebuild(type, token, kw, _authkey, this));

    private static void Send(Connection c, string kind, object? value)
    {
        byte[] data;
        try
        {
            data = WirePickleWriter.Dumps(new PyTuple(new[] { kind, value }));
        }
        catch (Exception e)
        {
            data = WirePickleWriter.Dumps(new PyTuple(new object?[] { "#UNSERIALIZABLE", FormatTraceback(e) }));
        }
        c.SendBytes(data);
    }

    /// <summary>CPython's <c>traceback.format_exc()</c> as far as it can be told: its first and last lines are CPython's.</summary>
    public static string FormatTraceback(Exception e) =>
        "Traceback (most recent call last):\n" +
        $"  File \"<impl manager server {Mp.Describe()}>\", in serve_client\n" +
        $"{WireExceptions.GlobalOf(e) switch { ("builtins", var n) => n, var (m, n) => m + "." + n }}: {PyErrors.Str(e)}\n";

    private void HandleRequest(Connection c)
    {
        try
        {
            c.MaxMessageLength = MaxRequest;
            Sockets.SetTimeouts(c.Fileno(), HandshakeSeconds);
            try
            {
                Handshake.Deliver(c, _authkey);
                Handshake.Answer(c, _authkey);
            }
            catch (Exception)
            {
                return; // a wrong key, a truncated or late handshake: nothing is read or answered
            }
            string kind;
            object? result;
            string? funcname = null;
            PyTuple args = new(Array.Empty<object?>());
            PyDict kwds = new();
            try
            {
                var request = Recv(c);
                if (request is not PyTuple { Items: [_, string f, PyTuple a, PyDict k] })
                    throw new ValueError($"not enough values to unpack: the request {PyRepr.Repr(request)} is not (id, funcname, args, kwds)");
                (funcname, args, kwds) = (f, a, k);
                if (Array.IndexOf(Public, funcname) < 0) throw new AssertionError($"{PyRepr.Repr(funcname)} unrecognized");
            }
            catch (EOFError)
            {
                return;
            }
            catch (Exception e)
            {
                Send(c, "#TRACEBACK", FormatTraceback(e));
                return;
            }
            Sockets.SetTimeouts(c.Fileno(), 0);
            if (funcname == "accept_connection")
            {
                Send(c, "#RETURN", null);
                ServeClient(c);
                return;
            }
            try
            {
                (kind, result) = ("#RETURN", Public_(c, funcname, args.Items, kwds));
            }
            catch (Exception e)
            {
                (kind, result) = ("#TRACEBACK", FormatTraceback(e));
            }
            if (funcname != "shutdown") Send(c, kind, result);
        }
        catch (Exception)
        {
            // the peer went away mid-reply: nothing to answer
        }
        finally
        {
            c.Close();
            Interlocked.Decrement(ref _connections);
        }
    }

    private object? Public_(Connection c, string funcname, IReadOnlyList<object?> args, PyDict kwds)
    {
        switch (funcname)
        {
            case "create":
            {
                if (args.Count == 0 || args[0] is not string typeid) throw PyErrors.TypeError("create() missing 1 required positional argument: 'typeid'");
                var (ident, exposed) = Create(typeid, args.Skip(1).ToList(), kwds);
                return new PyTuple(new object?[] { ident, new PyTuple(exposed.ToArray<object?>()) });
            }
            case "incref":
                Incref(Ident(args));
                return null;
            case "decref":
                Decref(Ident(args));
                return null;
            case "get_methods":
                if (args is not [Token token]) throw PyErrors.TypeError("get_methods() takes a Token");
                return new PyTuple(ExposedOf(token.Id).ToArray<object?>());
            case "debug_info":
                lock (_gate)
                {
                    var sb = new StringBuilder();
                    foreach (var (id, count) in _refcount)
                        sb.Append($"  {id}:       refcount={count}\n    {PyRepr.Repr(_idToObj[id].Obj)[..Math.Min(75, PyRepr.Repr(_idToObj[id].Obj).Length)]}\n");
                    return sb.ToString();
                }
            case "number_of_objects":
                lock (_gate) return (long)_refcount.Count;
            case "dummy":
                return null;
            case "shutdown":
                try
                {
                    Send(c, "#RETURN", null);
                }
                finally
                {
                    _stop.Set();
                }
                return null;
            default:
                throw new AssertionError($"{PyRepr.Repr(funcname)} unrecognized");
        }
    }

    private static string Ident(IReadOnlyList<object?> args) =>
        args.Count > 0 && args[0] is string s ? s : throw PyErrors.TypeError("expected the object's id (a str)");

    public (string Ident, IReadOnlyList<string> Exposed) Create(string typeid, IReadOnlyList<object?> args, PyDict kwds)
    {
        if (!_registry.TryGetValue(typeid, out var entry)) throw PyErrors.KeyError(typeid);
        object? obj;
        if (entry.Callable is { } callable)
            obj = callable(args, kwds);
        else
        {
            obj = Referents.CreateBuiltin(typeid, args, kwds, out var known);
            if (!known) throw new ValueError($"typeid {PyRepr.Repr(typeid)} has no callable: it can only be returned by a method (create_method=False)");
        }
        return Register(obj, entry);
    }

    private (string, IReadOnlyList<string>) Register(object? obj, RegistryEntry entry)
    {
        var exposed = entry.Exposed ?? Referents.PublicMethods(obj);
        lock (_gate)
        {
            var ident = (0x7f0000000000L + (++_nextId * 0x40)).ToString("x");
            _idToObj[ident] = (obj ?? new object(), new HashSet<string>(exposed, StringComparer.Ordinal), entry.MethodToTypeid);
            _refcount[ident] = 0;
            Incref(ident);
            return (ident, exposed);
        }
    }

    public IReadOnlyList<string> ExposedOf(string ident)
    {
        lock (_gate) return _idToObj.TryGetValue(ident, out var r) ? r.Exposed.Order(StringComparer.Ordinal).ToList() : throw PyErrors.KeyError(ident);
    }

    /// <summary>A proxy to one of this server's referents was unpickled here: keep the referent while it is stored (CPython's id_to_local_proxy_obj).</summary>
    public void KeepLocal(string ident)
    {
        lock (_gate) _local.Add(ident);
    }

    private void Incref(string ident)
    {
        lock (_gate)
        {
            if (!_refcount.TryGetValue(ident, out var n))
            {
                if (_local.Contains(ident) && _idToObj.ContainsKey(ident))
                {
                    _refcount[ident] = 1;
                    return;
                }
                throw PyErrors.KeyError(ident);
            }
            _refcount[ident] = n + 1;
        }
    }

    private void Decref(string ident)
    {
        lock (_gate)
        {
            if (!_refcount.TryGetValue(ident, out var n))
            {
                if (_local.Contains(ident)) return;
                throw PyErrors.KeyError(ident);
            }
            if (n <= 0) throw new AssertionError($"Id {ident} ({PyRepr.Repr(_idToObj[ident].Obj)}) has refcount {n}, not 1+");
            _refcount[ident] = n - 1;
            if (n - 1 == 0)
            {
                _refcount.Remove(ident);
                if (!_local.Contains(ident)) _idToObj.Remove(ident);
            }
        }
    }

    private void ServeClient(Connection c)
    {
        while (!_stop.IsSet)
        {
            string? method = null;
            object? obj = null;
            string kind;
            object? msg;
            try
            {
                ManagerClient.SpinUntilReadable(c); // the client's next request often follows at once
                var request = Recv(c);
                if (request is not PyTuple { Items: [var id, string m, PyTuple args, PyDict kwds] })
                    throw new ValueError($"not enough values to unpack: the request {PyRepr.Repr(request)} is not (id, methodname, args, kwds)");
                method = m;
                (object Obj, HashSet<string> Exposed, IReadOnlyDictionary<string, string>? MethodToTypeid) referent;
                lock (_gate)
                {
                    if (id is not string ident || !_idToObj.TryGetValue(ident, out referent)) throw PyErrors.KeyError(id);
                }
                obj = referent.Obj;
                if (!referent.Exposed.Contains(method))
                {
                    (kind, msg) = Fallback(referent.Obj, method, referent.Exposed);
                }
                else
                {
                    object? res;
                    try
                    {
                        res = Referents.Call(referent.Obj, method, args.Items, kwds);
                    }
                    catch (Exception e)
                    {
                        Send(c, "#ERROR", e);
                        continue;
                    }
                    if (referent.MethodToTypeid is { } map && map.TryGetValue(method, out var rtypeid) && _registry.TryGetValue(rtypeid, out var rentry))
                    {
                        var (rident, rexposed) = Register(res, rentry);
                        var token = new Token(rtypeid, Address, rident);
                        (kind, msg) = ("#PROXY", new PyTuple(new object?[] { new PyTuple(rexposed.ToArray<object?>()), token }));
                    }
                    else
                    {
                        (kind, msg) = ("#RETURN", res);
                    }
                }
            }
            catch (EOFError)
            {
                return;
            }
            catch (OSError)
            {
                return; // a declared length above the limit, a reset: this connection ends
            }
            catch (Exception e)
            {
                (kind, msg) = ("#TRACEBACK", FormatTraceback(e));
            }
            try
            {
                Send(c, kind, msg);
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    /// <summary>CPython's <c>fallback_mapping</c>: <c>__str__</c>, <c>__repr__</c> and <c>#GETVALUE</c> for any referent.</summary>
    private static (string, object?) Fallback(object obj, string method, HashSet<string> exposed)
    {
        string? Locked(Func<string> f)
        {
            lock (obj) return f();
        }
        return method switch
        {
            "__str__" => ("#RETURN", Locked(() => PyRepr.Str(obj))),
            "__repr__" => ("#RETURN", Locked(() => PyRepr.Repr(obj))),
            "#GETVALUE" => ("#RETURN", obj is PyDict d ? Locked2(d, () => d.Copy()) : obj is List<object?> l ? Locked2(l, () => l.ToList()) : obj),
            _ => ("#TRACEBACK", FormatTraceback(new AttributeError(
                $"method {PyRepr.Repr(method)} of <class '{PyOps.TypeName(obj)}'> object is not in exposed={PyRepr.Repr(PySet.From(null, exposed))}"))),
        };
    }

    private static object Locked2(object gate, Func<object> f)
    {
        lock (gate) return f();
    }
}
