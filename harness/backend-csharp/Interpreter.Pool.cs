using System;
using System.Collections.Generic;
using System.Linq;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// <c>new: Pool</c> and the methods of a Pool, its AsyncResults and IMapIterators, driving impl's
/// <see cref="Pool"/> (CPython's multiprocessing.pool); functions cross to the workers as <see cref="PoolCallable"/>s.
/// </summary>
public sealed partial class Interpreter
{
    private static readonly string[] PoolParams = ["processes", "initializer", "initargs", "maxtasksperchild"];

    /// <summary><c>new: Pool</c>: CPython's <c>Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None)</c>.</summary>
    private Traced NewPool(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var a = Bind("Pool", PoolParams, [null, null, new PyTuple(Array.Empty<object?>()), null], args, kwargs);
        int? processes = a[0] is null ? null : Int(a[0]);
        var init = Traced.Unwrap(a[1]);
        var initargs = PyOps.Iterate(a[2], this).ToArray();
        int? maxtasks = a[3] switch
        {
            null => null,
            long n and > 0 and <= int.MaxValue => (int)n,
            _ => throw new ValueError("maxtasksperchild must be a positive int or None"), // CPython: not an int, or <= 0
        };
        object? initializer = init is null ? null : IsCallableValue(init) ? new PoolCallable(init, task: false) : init;
        return new Traced(new Pool(processes, initializer, initargs, maxtasks), "Pool");
    }

    private bool IsCallableValue(object? v) => v switch
    {
        UserFunction or PyLambda or BuiltinFunction or BoundMethod or PrimitiveMethod or UserClass => true,
        ScenarioObject o => HasMethod(o.ClassName, "__call__"),
        _ => false,
    };

    private static PoolCallable Task(object? function) => new(Traced.Unwrap(function), task: true);

    private Action<object?>? Callback(object? callback) =>
        callback is null ? null : value => CallValue(callback, [value], NoKwargs);

    private Action<Exception>? ErrorCallback(object? callback) =>
        callback is null ? null : error => CallValue(callback, [error], NoKwargs);

    private static int? Chunksize(object? v) => v is null ? null : Int(v);

    private object? PoolMethod(Pool pool, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "map" or "starmap":
            {
                var a = Bind(op, ["func", "iterable", "chunksize"], [null], args, kwargs);
                var items = PyOps.Iterate(a[1], this).ToList(); // CPython lists an iterable without __len__ first
                return op == "map" ? pool.Map(Task(a[0]), items, Chunksize(a[2])) : pool.Starmap(Task(a[0]), items, Chunksize(a[2]));
            }
            case "map_async" or "starmap_async":
            {
                var a = Bind(op, ["func", "iterable", "chunksize", "callback", "error_callback"], [null, null, null], args, kwargs);
                var items = PyOps.Iterate(a[1], this).ToList();
                return op == "map_async"
                    ? pool.MapAsync(Task(a[0]), items, Chunksize(a[2]), Callback(a[3]), ErrorCallback(a[4]))
                    : pool.StarmapAsync(Task(a[0]), items, Chunksize(a[2]), Callback(a[3]), ErrorCallback(a[4]));
            }
            case "imap" or "imap_unordered":
            {
                var a = Bind(op, ["func", "iterable", "chunksize"], [1L], args, kwargs);
                var items = PyOps.Iterate(a[1], this); // lazy: the task handler draws the items as it sends them
                return op == "imap" ? pool.Imap(Task(a[0]), items, Int(a[2])) : pool.ImapUnordered(Task(a[0]), items, Int(a[2]));
            }
            case "apply":
            {
                var a = Bind(op, ["func", "args", "kwds"], [new PyTuple(Array.Empty<object?>()), new PyDict()], args, kwargs);
                return pool.Apply(Task(a[0]), PyOps.Iterate(a[1], this).ToArray(), Kwds(a[2]));
            }
            case "apply_async":
            {
                var a = Bind(op, ["func", "args", "kwds", "callback", "error_callback"], [new PyTuple(Array.Empty<object?>()), new PyDict(), null, null], args, kwargs);
                return pool.ApplyAsync(Task(a[0]), PyOps.Iterate(a[1], this).ToArray(), Kwds(a[2]), Callback(a[3]), ErrorCallback(a[4]));
            }
            case "close":
                Bind(op, [], NoDefaults, args, kwargs);
                pool.Close();
                return null;
            case "join":
                Bind(op, [], NoDefaults, args, kwargs);
                pool.Join();
                return null;
            case "terminate":
                Bind(op, [], NoDefaults, args, kwargs);
                pool.Terminate();
                return null;
            case "__enter__":
                return pool.Enter();
            case "__exit__":
                pool.Terminate();
                return null;
            default:
                throw PyErrors.NoAttribute(pool, op);
        }
    }

    private static Dictionary<string, object?> Kwds(object? kwds)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (kwds is PyDict d)
        {
            for (var i = 0; i < d.Count; i++)
                result[d.Keys[i] as string ?? throw PyErrors.TypeError("keywords must be strings")] = d.Values[i];
        }
        else if (kwds is not null)
        {
            throw PyErrors.TypeError($"argument after ** must be a mapping, not {PyOps.TypeName(kwds)}");
        }
        return result;
    }

    private static object? AsyncResultMethod(AsyncResult r, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "get":
                return r.Get(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0]));
            case "wait":
                r.Wait(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0]));
                return null;
            case "ready":
                Bind(op, [], NoDefaults, args, kwargs);
                return r.Ready();
            case "successful":
                Bind(op, [], NoDefaults, args, kwargs);
                return r.Successful();
            default:
                throw PyErrors.NoAttribute(r, op);
        }
    }

    private static object? IMapIteratorMethod(IMapIterator it, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) => op switch
    {
        "next" when it.PyTypeName != "generator" => it.Next(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0])),
        _ => throw PyErrors.NoAttribute(it, op),
    };

    /// <summary>What a traced call's result becomes: CPython's runner traces an AsyncResult (<c>_result_type</c>).</summary>
    private static object? TracedResult(object? result) => result is AsyncResult r ? new Traced(r, "AsyncResult") : result;
}
