using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// The methods a manager's server calls on its referents, by CPython's names (the proxies' <c>_exposed_</c>): dict,
/// list, Namespace, queue.Queue, the threading primitives, and a registered .NET type's public methods. Value-model
/// referents (dict, list, Namespace) are used under their own lock, as the GIL makes each call atomic in CPython;
/// blocking primitives lock themselves.
/// </summary>
internal static class Referents
{
    public static readonly IReadOnlyList<string> DictExposed =
    [
        "__contains__", "__delitem__", "__getitem__", "__iter__", "__len__", "__setitem__", "clear", "copy", "get", "items",
        "keys", "pop", "popitem", "setdefault", "update", "values",
    ];

    public static readonly IReadOnlyList<string> ListExposed =
    [
        "__add__", "__contains__", "__delitem__", "__getitem__", "__len__", "__mul__", "__reversed__", "__rmul__", "__setitem__",
        "append", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort", "__imul__",
    ];

    public static readonly IReadOnlyList<string> QueueExposed = ["empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize", "task_done"];

    /// <summary>CPython's <c>public_methods(obj)</c> for a referent created without an explicit exposed list.</summary>
    public static IReadOnlyList<string> PublicMethods(object? obj) => obj switch
    {
        PyDict => DictExposed,
        List<object?> => ListExposed,
        ManagedNamespace => ["__getattribute__", "__setattr__", "__delattr__"],
        ThreadQueue => QueueExposed,
        ThreadLock => ["acquire", "release"],
        ThreadCondition => ["acquire", "notify", "notify_all", "release", "wait", "wait_for"],
        ThreadEvent => ["clear", "is_set", "set", "wait"],
        ThreadBarrier => ["abort", "reset", "wait"],
        ManagedValue => ["get", "set"],
        ManagedArray => ["__getitem__", "__len__", "__setitem__"],
        null => [],
        _ => obj.GetType().GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(m => m.DeclaringType != typeof(object) && !m.IsSpecialName && !m.Name.StartsWith('_'))
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToList(),
    };

    /// <summary>The built-in referents of a SyncManager, by typeid; null when the typeid is not one of them.</summary>
    public static object? CreateBuiltin(string typeid, IReadOnlyList<object?> args, PyDict kwds, out bool known)
    {
        known = true;
        switch (typeid)
        {
            case "dict":
            {
                var d = new PyDict();
                if (args.Count > 0) Update(d, args[0]);
                for (var i = 0; i < kwds.Count; i++) d[kwds.Keys[i]] = kwds.Values[i];
                return d;
            }
            case "list":
                return args.Count > 0 ? PyOps.Iterate(args[0]).ToList() : new List<object?>();
            case "Namespace":
            {
                var ns = new ManagedNamespace();
                for (var i = 0; i < kwds.Count; i++) ns.Set((string)kwds.Keys[i]!, kwds.Values[i]);
                return ns;
            }
            case "Queue" or "JoinableQueue":
                return new ThreadQueue(Arg(args, kwds, 0, "maxsize") is { } m ? PyOps.AsLong(m) : 0);
            case "Lock" or "RLock":
                return new ThreadLock(typeid);
            case "Semaphore" or "BoundedSemaphore":
                return new ThreadLock(typeid, Arg(args, kwds, 0, "value") is { } v ? PyOps.AsLong(v) : 1);
            case "Condition":
                if (Arg(args, kwds, 0, "lock") is not null)
                    throw new NotImplementedException("Condition(lock) with a lock of the manager is not implemented in impl's manager server; use Condition()");
                return new ThreadCondition();
            case "Event":
                return new ThreadEvent();
            case "Barrier":
                if (Arg(args, kwds, 1, "action") is not null)
                    throw PyErrors.TypeError("a Barrier's action cannot cross a manager connection; call it after wait() returns 0 instead");
                return new ThreadBarrier(PyOps.AsLong(Arg(args, kwds, 0, "parties") ?? throw Missing("Barrier", "parties")), Num(Arg(args, kwds, 2, "timeout")));
            case "Value":
                if (!(args.Count > 0 || kwds.ContainsKey("typecode")))
                    throw PyErrors.TypeError("Value.__init__() missing 2 required positional arguments: 'typecode' and 'value'");
                if (!(args.Count > 1 || kwds.ContainsKey("value")))
                    throw PyErrors.TypeError("Value.__init__() missing 1 required positional argument: 'value'");
                return new ManagedValue(Arg(args, kwds, 0, "typecode"), Arg(args, kwds, 1, "value"));
            case "Array":
                return new ManagedArray(Arg(args, kwds, 0, "typecode"), Arg(args, kwds, 1, "sequence") ?? throw Missing("Array", "sequence"));
            default:
                known = false;
                return null;
        }
    }

    private static object? Arg(IReadOnlyList<object?> args, PyDict kwds, int index, string name) =>
        index < args.Count ? args[index] : kwds.TryGet(name, out var v) ? v : null;

    /// <summary>Calls <paramref name="method"/> on <paramref name="obj"/> (already checked against its exposed list).</summary>
    public static object? Call(object obj, string method, IReadOnlyList<object?> args, PyDict kwds)
    {
        switch (obj)
        {
            case PyDict d:
                lock (d) return DictCall(d, method, args, kwds);
            case List<object?> l:
                lock (l) return ListCall(l, method, args, kwds);
            case ManagedNamespace ns:
                lock (ns)
                {
                    var name = args.Count > 0 ? args[0] as string ?? throw PyErrors.TypeError($"attribute name must be string, not '{PyOps.TypeName(args[0])}'") : throw Missing(method, "name");
                    switch (method)
                    {
                        case "__getattribute__": return ns.Get(name);
                        case "__setattr__": ns.Set(name, args.Count > 1 ? args[1] : throw Missing(method, "value")); return null;
                        default: ns.Delete(name); return null;
                    }
                }
            case ThreadQueue q:
                return QueueCall(q, method, args, kwds);
            case ThreadCondition c:
                switch (method)
                {
                    case "acquire": return c.Acquire(Bool(Arg(args, kwds, 0, "blocking"), true), Num(Arg(args, kwds, 1, "timeout")) ?? -1);
                    case "release": c.Release(); return null;
                    case "wait": return c.Wait(Num(Arg(args, kwds, 0, "timeout")));
                    case "notify": c.Notify(Arg(args, kwds, 0, "n") is { } n ? PyOps.AsLong(n) : 1); return null;
                    case "notify_all": c.NotifyAll(); return null;
                }
                break;
            case ThreadLock l:
                switch (method)
                {
                    case "acquire": return l.Acquire(Bool(Arg(args, kwds, 0, "blocking"), true), Num(Arg(args, kwds, 1, "timeout")) ?? -1);
                    case "release": l.Release(Arg(args, kwds, 0, "n") is { } n ? PyOps.AsLong(n) : 1); return null;
                }
                break;
            case ThreadIterator it:
                switch (method)
                {
                    case "__next__": return it.Next();
                    case "close": return null;
                }
                break;
            case ThreadBarrier b:
                switch (method)
                {
                    case "wait": return b.Wait(Num(Arg(args, kwds, 0, "timeout")));
                    case "abort": b.Abort(); return null;
                    case "reset": b.Reset(); return null;
                    case "__getattribute__":
                        // only the public properties BarrierProxy reads: the barrier's internals stay in the server
                        return (args.Count > 0 ? args[0] : throw Missing(method, "name")) switch
                        {
                            "parties" => b.Parties,
                            "n_waiting" => b.NWaiting,
                            "broken" => b.IsBroken,
                            var other => throw new AttributeError($"'Barrier' object has no attribute {PyRepr.Repr(other is string ? other : PyRepr.Str(other))}"),
                        };
                }
                break;
            case ManagedValue v:
                lock (v)
                {
                    switch (method)
                    {
                        case "get": return v.Value;
                        case "set": v.Value = args.Count > 0 ? args[0] : throw PyErrors.TypeError("Value.set() missing 1 required positional argument: 'value'"); return null;
                    }
                }
                break;
            case ManagedArray a:
                lock (a)
                {
                    switch (method)
                    {
                        case "__len__": return (long)a.Count;
                        case "__getitem__": return a[args.Count > 0 ? args[0] : throw PyErrors.TypeError("expected 1 argument, got 0")];
                        case "__setitem__":
                            if (args.Count < 2) throw PyErrors.TypeError($"expected 2 arguments, got {args.Count}");
                            a[args[0]] = args[1];
                            return null;
                    }
                }
                break;
            case ThreadEvent e:
                switch (method)
                {
                    case "is_set": return e.IsSet();
                    case "set": e.Set(); return null;
                    case "clear": e.Clear(); return null;
                    case "wait": return e.Wait(Num(Arg(args, kwds, 0, "timeout")));
                }
                break;
            default:
                return UserCall(obj, method, args);
        }
        throw new AttributeError($"'{PyOps.TypeName(obj)}' object has no attribute '{method}'");
    }

    private static Exception Missing(string method, string name) => PyErrors.TypeError($"{method}() missing required argument '{name}'");

    private static bool Bool(object? v, bool dflt) => v is null ? dflt : PyOps.Truthy(v);

    private static double? Num(object? v) => v is null ? null : PyOps.AsDouble(v);

    private static object? DictCall(PyDict d, string method, IReadOnlyList<object?> args, PyDict kwds)
    {
        object? A(int i) => i < args.Count ? args[i] : throw PyErrors.TypeError($"{method} expected at least {i + 1} argument{(i == 0 ? "" : "s")}, got {args.Count}");
        switch (method)
        {
            case "__contains__": return d.ContainsKey(A(0));
            case "__delitem__": d.Remove(A(0)); return null;
            case "__getitem__": return d[A(0)];
            case "__len__": return (long)d.Count;
            case "__setitem__": d[A(0)] = A(1); return null;
            case "clear": d.Clear(); return null;
            case "copy": return d.Copy();
            case "get": return d.TryGet(A(0), out var v) ? v : args.Count > 1 ? args[1] : null;
            case "items": return Enumerable.Range(0, d.Count).Select(i => (object?)new PyTuple(new[] { d.Keys[i], d.Values[i] })).ToList();
            case "keys": return d.Keys.ToList();
            case "values": return d.Values.ToList();
            case "pop": return args.Count > 1 && !d.ContainsKey(A(0)) ? args[1] : d.Remove(A(0));
            case "popitem": return d.PopItem();
            case "setdefault":
                if (!d.TryGet(A(0), out var existing)) d[A(0)] = existing = args.Count > 1 ? args[1] : null;
                return existing;
            case "update":
                if (args.Count > 0) Update(d, args[0]);
                for (var i = 0; i < kwds.Count; i++) d[kwds.Keys[i]] = kwds.Values[i];
                return null;
            case "__iter__":
                return new ThreadIterator(d.Keys.ToList()); // returned as an IteratorProxy (DictProxy's method_to_typeid)
        }
        throw new AttributeError($"'dict' object has no attribute '{method}'");
    }

    private static void Update(PyDict d, object? other)
    {
        if (other is PyDict o)
        {
            for (var i = 0; i < o.Count; i++) d[o.Keys[i]] = o.Values[i];
            return;
        }
        foreach (var pair in PyOps.Iterate(other))
        {
            var items = PyOps.Iterate(pair).ToList();
            if (items.Count != 2) throw new ValueError($"dictionary update sequence element has length {items.Count}; 2 is required");
            d[items[0]] = items[1];
        }
    }

    private static object? ListCall(List<object?> l, string method, IReadOnlyList<object?> args, PyDict kwds)
    {
        object? A(int i) => i < args.Count ? args[i] : throw PyErrors.TypeError($"{method} expected at least {i + 1} argument{(i == 0 ? "" : "s")}, got {args.Count}");
        switch (method)
        {
            case "__add__":
                return A(0) is List<object?> other ? l.Concat(other).ToList() : throw PyErrors.TypeError($"can only concatenate list (not \"{PyOps.TypeName(args[0])}\") to list");
            case "__contains__": return l.Any(x => PyOps.ItemEq(x, A(0)));
            case "__delitem__": l.RemoveAt(Index(l.Count, A(0), "list assignment")); return null;
            case "__getitem__": return l[Index(l.Count, A(0), "list")];
            case "__len__": return (long)l.Count;
            case "__mul__" or "__rmul__":
            {
                var n = PyOps.AsLong(A(0));
                var result = new List<object?>();
                for (long i = 0; i < n; i++) result.AddRange(l);
                return result;
            }
            case "__imul__":
            {
                var n = PyOps.AsLong(A(0));
                var copy = l.ToList();
                l.Clear();
                for (long i = 0; i < n; i++) l.AddRange(copy);
                return null; // CPython returns the list itself, which its proxy ignores
            }
            case "__reversed__":
                throw new NotImplementedException("reversed() of a ListProxy is not implemented in impl's manager server");
            case "__setitem__": l[Index(l.Count, A(0), "list assignment")] = A(1); return null;
            case "append": l.Add(A(0)); return null;
            case "count": return (long)l.Count(x => PyOps.ItemEq(x, A(0)));
            case "extend": l.AddRange(PyOps.Iterate(A(0)).ToList()); return null;
            case "index":
            {
                var i = l.FindIndex(x => PyOps.ItemEq(x, A(0)));
                return i < 0 ? throw new ValueError($"{PyRepr.Repr(args[0])} is not in list") : (long)i;
            }
            case "insert":
            {
                var i = PyOps.AsLong(A(0));
                if (i < 0) i = Math.Max(0, i + l.Count);
                l.Insert((int)Math.Min(i, l.Count), A(1));
                return null;
            }
            case "pop":
            {
                if (l.Count == 0) throw new PyException("IndexError", "pop from empty list");
                var i = args.Count > 0 ? Index(l.Count, args[0], "pop") : l.Count - 1;
                var v = l[i];
                l.RemoveAt(i);
                return v;
            }
            case "remove":
            {
                var i = l.FindIndex(x => PyOps.ItemEq(x, A(0)));
                if (i < 0) throw new ValueError("list.remove(x): x not in list");
                l.RemoveAt(i);
                return null;
            }
            case "reverse": l.Reverse(); return null;
            case "sort":
            {
                if (kwds.ContainsKey("key") && kwds["key"] is not null) throw PyErrors.TypeError("a sort key cannot cross a manager connection");
                var reverse = kwds.TryGet("reverse", out var r) && PyOps.Truthy(r);
                if (reverse) l.Reverse();
                PySort.Sort(l, (a, b) => PyOps.Compare(a, b, "<"));
                if (reverse) l.Reverse();
                return null;
            }
        }
        throw new AttributeError($"'list' object has no attribute '{method}'");
    }

    private static int Index(int count, object? key, string what)
    {
        if (key is not (long or int or bool or System.Numerics.BigInteger))
            throw PyErrors.TypeError($"{what} indices must be integers or slices, not {PyOps.TypeName(key)}");
        var i = PyOps.AsLong(key);
        if (i < 0) i += count;
        if (i < 0 || i >= count) throw new PyException("IndexError", $"{what} index out of range");
        return (int)i;
    }

    private static object? QueueCall(ThreadQueue q, string method, IReadOnlyList<object?> args, PyDict kwds)
    {
        switch (method)
        {
            case "put": q.Put(args.Count > 0 ? args[0] : throw Missing("put", "item"), Bool(Arg(args, kwds, 1, "block"), true), Num(Arg(args, kwds, 2, "timeout"))); return null;
            case "put_nowait": q.Put(args.Count > 0 ? args[0] : throw Missing("put_nowait", "item"), false, null); return null;
            case "get": return q.Get(Bool(Arg(args, kwds, 0, "block"), true), Num(Arg(args, kwds, 1, "timeout")));
            case "get_nowait": return q.Get(false, null);
            case "qsize": return q.QSize();
            case "empty": return q.IsEmpty();
            case "full": return q.IsFull();
            case "task_done": q.TaskDone(); return null;
            case "join": q.Join(); return null;
        }
        throw new AttributeError($"'Queue' object has no attribute '{method}'");
    }

    /// <summary>A registered .NET referent: its public instance method of that name (or its PascalCase), arguments converted to the parameter types.</summary>
    private static object? UserCall(object obj, string method, IReadOnlyList<object?> args)
    {
        var pascal = string.Concat(method.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        var m = obj.GetType().GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .FirstOrDefault(x => (x.Name == method || x.Name == pascal) && x.GetParameters().Length == args.Count)
            ?? throw new AttributeError($"'{PyOps.TypeName(obj)}' object has no attribute '{method}'");
        var ps = m.GetParameters();
        var converted = new object?[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            var t = ps[i].ParameterType;
            converted[i] = args[i] is null || t.IsInstanceOfType(args[i]) ? args[i] : Convert.ChangeType(args[i], Nullable.GetUnderlyingType(t) ?? t, System.Globalization.CultureInfo.InvariantCulture);
        }
        var result = m.Invoke(obj, System.Reflection.BindingFlags.DoNotWrapExceptions, null, converted, null);
        return result is int n ? (long)n : result;
    }
}
