using System;
using System.Collections.Generic;
using System.Linq;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// <c>new: Manager</c> and its proxies, on impl's <see cref="SyncManager"/>: the manager's methods, and each proxy's
/// client-side methods as CPython's proxy classes define them (AcquirerProxy's <c>acquire(blocking, timeout)</c>,
/// NamespaceProxy's local <c>_</c> attributes, ...). Traced like conformance_runner.py traces them: method calls,
/// <c>__getattr__</c>/<c>__setattr__</c>/<c>__delattr__</c> of a Namespace, <c>__getitem__</c>/<c>__setitem__</c>/<c>__delitem__</c>,
/// and results that are proxies wrapped as <c>DictProxy</c>, <c>ListProxy</c>, ... (CPython's class names).
/// </summary>
public sealed partial class Interpreter
{
    private static object NewManager(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        Bind("Manager", [], NoDefaults, args, kwargs);
        return new Traced(Mp.Manager(), "Manager");
    }

    /// <summary>A traced call's result: a proxy becomes a traced handle typed by its CPython class name (the runner's <c>_result_type</c>).</summary>
    private static object? WrapProxy(object? result) => result is BaseProxy p ? new Traced(p, p.ProxyTypeName) : result;

    private static PyDict KwargsDict(IReadOnlyDictionary<string, object?> kwargs)
    {
        var d = new PyDict();
        foreach (var (k, v) in kwargs)
            d[k] = v;
        return d;
    }

    private static object? ManagerMethod(SyncManager m, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "__enter__":
                Bind(op, [], NoDefaults, args, kwargs);
                return m;
            case "__exit__":
            case "shutdown":
                if (op == "shutdown")
                    Bind(op, [], NoDefaults, args, kwargs);
                m.Shutdown();
                return null;
            case "dict" or "list" or "Namespace" or "Queue" or "JoinableQueue" or "Lock" or "RLock" or "Semaphore"
                or "BoundedSemaphore" or "Condition" or "Event" or "Barrier" or "Value" or "Array":
                return m.Create(op, args.Select(Traced.Unwrap).ToList(), KwargsDict(kwargs));
            default:
                throw PyErrors.NoAttribute(m, op);
        }
    }

    private object? ProxyMethod(BaseProxy p, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (p, op)
        {
            case (NamespaceProxy ns, "__getattr__"):
                return ns.GetAttr((string)args[0]!);
            case (NamespaceProxy ns, "__setattr__"):
                ns.SetAttr((string)args[0]!, args[1]);
                return null;
            case (NamespaceProxy ns, "__delattr__"):
                ns.DelAttr((string)args[0]!);
                return null;
            case (ConditionProxy c, "wait"):
                return c.CallMethod("wait", [Bind(op, ["timeout"], [null], args, kwargs)[0]]);
            case (ConditionProxy c, "notify"):
                return c.CallMethod("notify", [Bind(op, ["n"], [1L], args, kwargs)[0]]);
            case (ConditionProxy c, "notify_all"):
                Bind(op, [], NoDefaults, args, kwargs);
                return c.CallMethod("notify_all");
            case (ConditionProxy c, "wait_for"):
            {
                var a = Bind(op, ["predicate", "timeout"], [null], args, kwargs);
                var predicate = a[0];
                return c.WaitFor(() => CallValue(predicate, [], NoKwargs), Timeout(a[1]));
            }
            case (AcquirerProxy l, "acquire"):
            {
                var a = Bind(op, ["blocking", "timeout"], [true, null], args, kwargs);
                return l.CallMethod("acquire", a[1] is null ? [a[0]] : [a[0], a[1]]);
            }
            case (AcquirerProxy l, "release"):
                Bind(op, [], NoDefaults, args, kwargs);
                return l.CallMethod("release");
            case (AcquirerProxy l, "__enter__"):
                return l.CallMethod("acquire");
            case (AcquirerProxy l, "__exit__"):
                return l.CallMethod("release");
            case (ValueProxy v, "get"):
                Bind(op, [], NoDefaults, args, kwargs);
                return v.CallMethod("get");
            case (ValueProxy v, "set"):
                return v.CallMethod("set", [Traced.Unwrap(Bind(op, ["value"], NoDefaults, args, kwargs)[0])]);
            case (BarrierProxy b, "wait"):
                return b.CallMethod("wait", [Bind(op, ["timeout"], [null], args, kwargs)[0]]);
            case (BarrierProxy b, "abort" or "reset"):
                Bind(op, [], NoDefaults, args, kwargs);
                return b.CallMethod(op);
            case (ValueProxy or BarrierProxy, _):
                // ValueProxy and BarrierProxy define only the methods above (their properties are attributes).
                throw new Multiprocessing.AttributeError($"'{p.ProxyTypeName}' object has no attribute '{op}'");
            case (EventProxy e, "wait"):
                return e.CallMethod("wait", [Bind(op, ["timeout"], [null], args, kwargs)[0]]);
            case (EventProxy or AcquirerProxy or NamespaceProxy, _):
                // Those proxy classes define only the methods above (is_set, set, clear go below by their exposed names).
                if (p is EventProxy && op is "is_set" or "set" or "clear")
                {
                    Bind(op, [], NoDefaults, args, kwargs);
                    return p.CallMethod(op);
                }
                throw new Multiprocessing.AttributeError($"'{p.ProxyTypeName}' object has no attribute '{op}'");
            default:
                // MakeProxyType's methods and AutoProxy's: one per exposed name, passing *args and **kwds through.
                if (!p.Exposed.Contains(op))
                    throw new Multiprocessing.AttributeError($"'{p.ProxyTypeName}' object has no attribute '{op}'");
                return p.CallMethod(op, args.Select(Traced.Unwrap).ToList(), KwargsDict(kwargs));
        }
    }

    /// <summary>
    /// The properties of ValueProxy (<c>value</c>) and BarrierProxy (<c>parties</c>, <c>n_waiting</c>, <c>broken</c>): one
    /// request each, untraced, as CPython's runner reads them with getattr.
    /// </summary>
    private static bool TryProxyAttr(BaseProxy p, string attr, out object? value)
    {
        (var found, value) = (p, attr) switch
        {
            (ValueProxy v, "value") => (true, v.Get()),
            (BarrierProxy b, "parties") => (true, (object?)b.Parties),
            (BarrierProxy b, "n_waiting") => (true, b.NWaiting),
            (BarrierProxy b, "broken") => (true, b.Broken),
            _ => (false, null),
        };
        return found;
    }

    /// <summary><c>set: v.value</c> on a ValueProxy (one <c>set</c> request); BarrierProxy's properties have no setter.</summary>
    private static void SetProxyAttr(BaseProxy p, string attr, object? value)
    {
        switch (p, attr)
        {
            case (ValueProxy v, "value"):
                v.Set(Traced.Unwrap(value));
                return;
            case (BarrierProxy, "parties" or "n_waiting" or "broken"):
                throw new Multiprocessing.AttributeError($"property '{attr}' of 'BarrierProxy' object has no setter");
            default:
                throw PyErrors.NoAttribute(p, attr);
        }
    }

    /// <summary><c>x[k]</c>, <c>x[k] = v</c>, <c>del x[k]</c> on a proxy: traced as the Python runner traces them; false for anything else.</summary>
    private bool TryProxyItem(object? container, string op, IReadOnlyList<object?> args, out object? result)
    {
        result = null;
        if (container is not Traced { Obj: BaseProxy } t)
            return false;
        result = TracedCall(t, op, args, NoKwargs);
        return true;
    }
}
