using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>Makes the proxy object for a proxy class name (CPython's registry's proxytype, or RebuildProxy's func).</summary>
internal static class Proxies
{
    /// <summary>SyncManager's proxy type per typeid (CPython's registry); null is AutoProxy.</summary>
    public static string DefaultProxyType(string typeid) => typeid switch
    {
        "dict" => "DictProxy",
        "list" => "ListProxy",
        "Namespace" => "NamespaceProxy",
        "Lock" or "RLock" or "Semaphore" or "BoundedSemaphore" => "AcquirerProxy",
        "Condition" => "ConditionProxy",
        "Event" => "EventProxy",
        "Iterator" => "IteratorProxy",
        "Barrier" => "BarrierProxy",
        "Value" => "ValueProxy",
        "Array" => "ArrayProxy",
        _ => "AutoProxy",
    };

    /// <summary>The exposed methods of each proxy class (CPython's <c>_exposed_</c>).</summary>
    public static IReadOnlyList<string>? ExposedOf(string proxyType) => proxyType switch
    {
        "DictProxy" => Referents.DictExposed,
        "ListProxy" => Referents.ListExposed,
        "NamespaceProxy" => ["__getattribute__", "__setattr__", "__delattr__"],
        "AcquirerProxy" => ["acquire", "release"],
        "ConditionProxy" => ["acquire", "release", "wait", "notify", "notify_all"],
        "EventProxy" => ["is_set", "set", "clear", "wait"],
        "IteratorProxy" => ["__next__", "send", "throw", "close"],
        "BarrierProxy" => ["__getattribute__", "wait", "abort", "reset"],
        "ValueProxy" => ["get", "set"],
        "ArrayProxy" => ["__len__", "__getitem__", "__setitem__"],
        _ => null,
    };

    public static IReadOnlyList<string> Names(PyTuple exposed) => exposed.Items.Select(x => x as string ?? PyRepr.Str(x)).ToList();

    public static BaseProxy Create(string proxyType, Token token, byte[] authkey, IReadOnlyList<string>? exposed, bool incref, bool managerOwned)
    {
        exposed ??= ExposedOf(proxyType);
        if (proxyType == "AutoProxy" && exposed is null)
        {
            using var c = ManagerClient.Open(token.Address, authkey);
            exposed = Names(ManagerClient.Dispatch(c, null, "get_methods", [token], null, authkey) as PyTuple ?? new PyTuple(Array.Empty<object?>()));
        }
        exposed ??= [];
        return proxyType switch
        {
            "DictProxy" => new DictProxy(token, authkey, exposed, incref, managerOwned),
            "ListProxy" => new ListProxy(token, authkey, exposed, incref, managerOwned),
            "NamespaceProxy" => new NamespaceProxy(token, authkey, exposed, incref, managerOwned),
            "AcquirerProxy" => new AcquirerProxy(token, authkey, exposed, "AcquirerProxy", incref, managerOwned),
            "ConditionProxy" => new ConditionProxy(token, authkey, exposed, incref, managerOwned),
            "EventProxy" => new EventProxy(token, authkey, exposed, incref, managerOwned),
            "BarrierProxy" => new BarrierProxy(token, authkey, exposed, incref, managerOwned),
            "ValueProxy" => new ValueProxy(token, authkey, exposed, incref, managerOwned),
            "ArrayProxy" => new ArrayProxy(token, authkey, exposed, incref, managerOwned),
            "IteratorProxy" => new BaseProxy(token, authkey, exposed, "IteratorProxy", isAuto: false, incref, managerOwned),
            _ when token.Typeid is "Queue" or "JoinableQueue" => new QueueProxy(token, authkey, exposed, incref, managerOwned),
            _ => new BaseProxy(token, authkey, exposed, "AutoProxy[" + token.Typeid + "]", isAuto: true, incref, managerOwned),
        };
    }

    /// <summary>
    /// CPython's <c>RebuildProxy(func, token, serializer, kwds)</c> for a proxy inside a received value: in the server that
    /// owns the referent, a manager-owned proxy (no incref; the referent stays alive while it is stored); elsewhere a
    /// proxy that increfs.
    /// </summary>
    public static object Rebuild(string func, Token token, PyDict kwds, byte[] authkey, ServerCore? server)
    {
        IReadOnlyList<string>? exposed = kwds.TryGet("exposed", out var e) && e is PyTuple t ? Names(t) : null;
        var incref = !kwds.TryGet("incref", out var i) || PyOps.Truthy(i);
        var proxyType = func == "AutoProxy" ? "AutoProxy" : func;
        if (server is not null && ManagerClient.Key(server.Address) == ManagerClient.Key(token.Address))
        {
            server.KeepLocal(token.Id);
            return Create(proxyType, token, authkey, exposed ?? server.ExposedOf(token.Id), incref: false, managerOwned: true);
        }
        return Create(proxyType, token, authkey, exposed, incref, managerOwned: false);
    }
}
