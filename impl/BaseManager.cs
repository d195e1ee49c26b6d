using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Internal;
using Multiprocessing.Internal.Managers;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.managers.BaseManager</c>: a server process holding shared objects, speaking CPython's
/// own manager protocol (pickle over <see cref="Connection"/>s with the authkey handshake), so CPython clients and
/// servers interoperate with it. <see cref="Start"/> spawns the server (named <c>ClassName-N</c>), <see cref="Connect"/>
/// joins a running one, <see cref="GetServer"/> serves in this process. <see cref="Register"/> adds typeids; unlike
/// CPython's classmethod it registers on this instance (before Start, Connect or GetServer).
/// </summary>
public class BaseManager : IDisposable, IPyObject
{
    private readonly List<RegistryEntry> _registry = new();
    private readonly Dictionary<string, Delegate> _callables = new(StringComparer.Ordinal);
    private readonly byte[] _authkey;
    private readonly double _shutdownTimeout;
    private object? _address;
    private Process? _process;
    private Finalizer? _finalizer;
    private int _state; // 0 initial, 1 started, 2 shut down

    /// <summary>
    /// CPython's <c>BaseManager(address=None, authkey=None, shutdown_timeout=1.0)</c>. <paramref name="address"/>: a
    /// socket path, <c>(host, port)</c> (a <c>(string, int)</c> tuple; port 0 picks one), or null for a new path in a
    /// 0700 temporary folder. <paramref name="authkey"/>: by default <see cref="Process.AuthKey"/> of this process.
    /// </summary>
    public BaseManager(object? address = null, byte[]? authkey = null, double shutdownTimeout = 1.0)
    {
        _address = address is null ? null : NormalizeAddress(address);
        _authkey = (byte[])(authkey ?? Mp.CurrentProcess().AuthKey).Clone();
        _shutdownTimeout = shutdownTimeout;
    }

    internal static object NormalizeAddress(object address) => address switch
    {
        string path => path,
        ValueTuple<string, int> hp => new PyTuple(new object?[] { hp.Item1, (long)hp.Item2 }),
        PyTuple { Items: [string host, long port] } t => t,
        PyTuple { Items: [string host, int port] } => new PyTuple(new object?[] { host, (long)port }),
        object?[] { Length: 2 } a when a[0] is string host => new PyTuple(new object?[] { host, PyOps.AsLong(a[1]) }),
        _ => throw new ValueError($"unrecognized manager address {Python.PyRepr.Repr(address)}: a socket path or (host, port)"),
    };

    /// <summary>CPython's <c>address</c>: the server's path or <c>(host, port)</c> (a PyTuple), known once started.</summary>
    public object? Address => _address;

    /// <summary>The server process started by <see cref="Start"/> (CPython's <c>_process</c>), or null.</summary>
    public Process? ServerProcess => _process;

    internal byte[] AuthKey => _authkey;

    /// <summary>
    /// CPython's <c>register(typeid, callable=None, proxytype=None, exposed=None, method_to_typeid=None,
    /// create_method=True)</c>. <paramref name="callable"/> must be a static method (it is called in the server
    /// process, named by reference like a Process target) taking the creation arguments; <paramref name="proxytype"/>
    /// is a CPython proxy class name (<c>DictProxy</c>, <c>ListProxy</c>, <c>NamespaceProxy</c>, <c>AcquirerProxy</c>,
    /// <c>EventProxy</c>, <c>ConditionProxy</c>) or null for an AutoProxy.
    /// </summary>
    public void Register(string typeid, Func<object?[], object?>? callable = null, string? proxytype = null, IEnumerable<string>? exposed = null,
        IReadOnlyDictionary<string, string>? methodToTypeid = null, bool createMethod = true)
    {
        if (callable is not null && (callable.Target is not null || !callable.Method.IsStatic))
            throw new PicklingError($"Can't register {callable.Method.Name} for typeid {Python.PyRepr.Repr(typeid)}: the callable runs in the server process, so it must be a static method (or a lambda that captures nothing)");
        _registry.RemoveAll(e => e.Typeid == typeid);
        var proxy = proxytype ?? "AutoProxy";
        var list = exposed?.ToList() ?? (IReadOnlyList<string>?)Proxies.ExposedOf(proxy)?.ToList();
        _registry.Add(new RegistryEntry(typeid, null, list, methodToTypeid, proxy, createMethod));
        if (callable is not null) _callables[typeid] = callable;
        else _callables.Remove(typeid);
    }

    /// <summary>CPython's <c>start()</c>: spawns the server process and waits for its address.</summary>
    public BaseManager Start()
    {
        CheckInitial();
        var address = _address ?? TempDir.ArbitraryAddress();
        var (reader, writer) = Mp.Pipe(duplex: false);
        var p = new Process(new Action<string[][], object?[], byte[], Connection>(ManagerServerMain.Run),
            [ManagerServerMain.Encode(_registry, _callables), ManagerServerMain.AddressArray(address), _authkey, writer]);
        p.Name = GetType().Name + "-" + string.Join(":", p.Identity);
        p.Start();
        writer.Close();
        object? reply;
        try
        {
            if (!reader.Poll(60)) throw new ProcessError($"the manager's server {p.Name} did not report its address within 60 s; is the machine overloaded?");
            reply = reader.Recv();
        }
        catch (EOFError)
        {
            p.Join(5);
            throw new ProcessError($"the manager's server {p.Name}#{p.Pid} ended before reporting its address (exit code {p.ExitCode?.ToString() ?? "none yet"}); see its stderr");
        }
        finally
        {
            reader.Close();
        }
        if (reply is object?[] { Length: 2 } err && err[0] is "#ERROR")
        {
            p.Join(5);
            throw new ProcessError($"the manager's server {p.Name} could not start: {err[1]}");
        }
        _address = ManagerServerMain.AddressOf((object?[])reply!);
        if (_address is string path) TempDir.UnlinkAtExit(path); // even if the server is killed, its socket file goes with this process
        _process = p;
        _state = 1;
        var authkey = _authkey;
        var timeout = _shutdownTimeout;
        var addr = _address;
        _finalizer = Finalizer.Register(() => FinalizeManager(p, addr, authkey, timeout), exitPriority: 0);
        return this;
    }

    private static void FinalizeManager(Process p, object address, byte[] authkey, double timeout)
    {
        if (p.IsAlive)
        {
            try
            {
                ManagerClient.Call(address, authkey, "shutdown");
            }
            catch (Exception)
            {
                // the server may already be on its way out
            }
            p.Join(timeout);
            if (p.IsAlive)
            {
                p.Terminate();
                p.Join(timeout);
                if (p.IsAlive)
                {
                    p.Kill();
                    p.Join();
                }
            }
        }
        if (address is string path) TempDir.Unlink(path);
    }

    /// <summary>CPython's <c>connect()</c>: use a server that is already running at <see cref="Address"/>.</summary>
    public void Connect()
    {
        if (_address is null) throw new ValueError("connect() needs the server's address: pass address= to the manager");
        ManagerClient.Call(_address, _authkey, "dummy");
        _state = 1;
    }

    /// <summary>CPython's <c>get_server()</c>: a <see cref="Server"/> for this registry bound to <see cref="Address"/> in this process.</summary>
    public Server GetServer()
    {
        CheckInitial();
        var server = new Server(ManagerServerMain.Decode(ManagerServerMain.Encode(_registry, _callables)), _address ?? TempDir.ArbitraryAddress(), _authkey);
        _address = server.Address;
        return server;
    }

    /// <summary>CPython's <c>shutdown()</c>: stops the server process (politely, then terminate, then kill) and waits for it.</summary>
    public void Shutdown()
    {
        _finalizer?.Invoke();
        if (_state == 1) _state = 2;
    }

    /// <summary>CPython's <c>__exit__</c>: <see cref="Shutdown"/>.</summary>
    public void Dispose() => Shutdown();

    /// <summary>
    /// The method CPython generates per typeid (<c>manager.typeid(*args, **kwds)</c>): asks the server to create the
    /// referent and returns its proxy.
    /// </summary>
    public BaseProxy Create(string typeid, IReadOnlyList<object?>? args = null, PyDict? kwds = null)
    {
        if (_state != 1) throw new AssertionError("server not yet started");
        var entry = _registry.FirstOrDefault(e => e.Typeid == typeid) ?? throw new AttributeError($"'{GetType().Name}' object has no attribute '{typeid}'");
        var address = _address!;
        var reply = ManagerClient.Call(address, _authkey, "create", [typeid, .. args ?? []], kwds) as PyTuple
                    ?? throw new ValueError("the manager's server answered create with something other than (id, exposed)");
        var id = (string)reply.Items[0]!;
        var exposed = reply.Items[1] is PyTuple t ? Proxies.Names(t) : null;
        var proxy = Proxies.Create(entry.ProxyType, new Token(typeid, address, id), _authkey, exposed, incref: true, managerOwned: false);
        ManagerClient.Call(address, _authkey, "decref", [id]);
        return proxy;
    }

    private void CheckInitial()
    {
        switch (_state)
        {
            case 1: throw new ProcessError("Already started server");
            case 2: throw new ProcessError("Manager has shut down");
        }
    }

    /// <summary>CPython's default repr: <c>&lt;multiprocessing.managers.SyncManager object at 0x7f...&gt;</c>.</summary>
    public string PyRepr() => $"<multiprocessing.managers.{GetType().Name} object at {Python.PyRepr.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => GetType().Name;

    /// <inheritdoc />
    public string PyTypeModule => "multiprocessing.managers";

    /// <inheritdoc />
    public override string ToString() => PyRepr();

    private protected void RegisterBuiltin(string typeid, string proxytype) => Register(typeid, null, proxytype);
}
