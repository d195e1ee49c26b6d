using Multiprocessing;
using Multiprocessing.Python;

namespace Conformance.Impl.Tests.Managers;

/// <summary>Static targets the manager tests run in child processes.</summary>
public static class ManagerTargets
{
    public static void SetItem(DictProxy d, long key, long value) => d[key] = value;

    public static void AppendTwice(ListProxy l, string item)
    {
        l.Append(item);
        l.Append(item);
    }

    public static void SetAttr(NamespaceProxy ns, string name, object? value) => ns.SetAttr(name, value);

    public static void Increment(NamespaceProxy ns, AcquirerProxy lockProxy, long times)
    {
        for (var i = 0; i < times; i++)
        {
            using (lockProxy.Enter())
                ns.SetAttr("count", PyOps.AsLong(ns.GetAttr("count")) + 1);
        }
    }

    public static void Produce(QueueProxy q, EventProxy started, long n)
    {
        started.Set();
        for (var i = 0; i < n; i++) q.Put((long)i);
    }

    /// <summary>A registered callable for BaseManager.Register: makes the referent in the server.</summary>
    public static object? MakeCounter(object?[] args) => new Counter(args.Length > 0 ? PyOps.AsLong(args[0]) : 0);

    public static object? MakeDict(object?[] args) => new PyDict();

    private static readonly PyDict Shared = new();

    /// <summary>The one dict every client of a server shares (CPython's <c>register('get_shared', callable=lambda: shared)</c>).</summary>
    public static object? GetShared(object?[] args) => Shared;
}

/// <summary>A user referent: its public methods are what a proxy calls.</summary>
public sealed class Counter
{
    private long _value;

    public Counter(long start) => _value = start;

    public long Increment(long by)
    {
        lock (this) return _value += by;
    }

    public long Value() => _value;
}
