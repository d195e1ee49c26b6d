using System.Collections.Generic;
using Multiprocessing.Internal.Managers;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.managers.Server</c>, from <see cref="BaseManager.GetServer"/>: serves a manager's
/// registry in the calling process, so other machines can <see cref="BaseManager.Connect"/> to it.
/// </summary>
public sealed class Server
{
    private readonly ServerCore _core;

    internal Server(IEnumerable<RegistryEntry> registry, object address, byte[] authkey) => _core = new ServerCore(registry, address, authkey);

    /// <summary>CPython's <c>address</c>: the bound path, or <c>(host, port)</c> as a PyTuple (the port the OS chose for port 0).</summary>
    public object Address => _core.Address;

    /// <summary>CPython's <c>serve_forever()</c>: blocks until a client calls <c>shutdown</c>.</summary>
    public void ServeForever() => _core.ServeForever();
}
