using System;
using System.Collections.Generic;
using System.Linq;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;
using Barrier = Multiprocessing.Barrier;

namespace Conformance.Backend.CSharp;

/// <summary>
/// Shared values (Value, Array, RawValue, RawArray), Barrier, SimpleQueue, the start-method built-ins and
/// connection.wait: conformance_runner.py's "Shared values" section. Hooked in from New, CallMethod, GetAttr, SetAttr,
/// the index, slice and setitem evaluators, and CallBuiltin by one line each.
/// </summary>
public sealed partial class Interpreter
{
    /// <summary>The primitives <see cref="NewShared"/> constructs.</summary>
    public static readonly IReadOnlySet<string> SharedPrimitives = new HashSet<string>(StringComparer.Ordinal)
    {
        "Value", "Array", "RawValue", "RawArray", "Barrier", "SimpleQueue",
    };

    /// <summary>The built-ins <see cref="SharedBuiltin"/> binds.</summary>
    public static readonly IReadOnlySet<string> SharedBuiltins = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_context", "get_start_method", "set_start_method", "connection.wait",
    };

    /// <summary>As the CPython runner does before main: the start method is spawn, and already set.</summary>
    private static void PrepareStartMethod() => Mp.SetStartMethod("spawn", force: true);

    /// <summary>True for the impl objects this partial's methods serve.</summary>
    /// <summary>The largest size of <c>Array</c>/<c>RawArray</c> a scenario may ask for (both interpreters).</summary>
    public const long MaxSharedArrayItems = 1L << 24;

    private static bool IsShared(object? obj) => obj is SharedValue or SharedArray or Barrier or SimpleQueue or SpawnContext;

    /// <summary><c>new: Value</c> and the rest: CPython's signatures (context.py's BaseContext methods) and their errors.</summary>
    private object NewShared(string type, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (type)
        {
            case "Value" or "RawValue":
            {
                // BaseContext.Value(self, typecode_or_type, *args, lock=True); RawValue(self, typecode_or_type, *args)
                var (code, rest, lockArg) = SharedArgs(type, args, kwargs, type == "Value", allowSecondKeyword: null);
                if (rest.Count > 1)
                    throw PyErrors.TypeError($"__init__ expected at most 1 argument, got {rest.Count}");
                var value = rest.Count == 1 ? Plain(rest[0]) : null;
                var made = type == "Value" ? Mp.Value(code, value, lockArg) : Mp.RawValue(code, value);
                if (rest.Count == 1 && value is null)
                    made.Value = null!; // an explicit None: ctypes' TypeError for the type ('NoneType' object cannot be ...), after the typecode's
                return new Traced(made, type);
            }
            case "Array" or "RawArray":
            {
                // BaseContext.Array(self, typecode_or_type, size_or_initializer, *, lock=True)
                var (code, rest, lockArg) = SharedArgs(type, args, kwargs, type == "Array", allowSecondKeyword: "size_or_initializer");
                if (rest.Count != 1)
                    throw rest.Count == 0
                        ? PyErrors.TypeError($"BaseContext.{type}() missing 1 required positional argument: 'size_or_initializer'")
                        : PyErrors.TypeError($"BaseContext.{type}() takes 3 positional arguments but {rest.Count + 2} were given"); // self counts
                var init = Plain(rest[0]);
                // As the Python runner: CPython zero-fills a huge array on disk before the memory limit sees it.
                if (init is long n && n > MaxSharedArrayItems || init is System.Numerics.BigInteger b && b > MaxSharedArrayItems)
                    throw new ScenarioViolation($"a shared array of {PyRepr.Repr(init)} items (the limit is {MaxSharedArrayItems})");
                object sizeOrInit = init is long or int or bool or System.Numerics.BigInteger or double or null
                    ? init! ?? throw PyErrors.TypeError("object of type 'NoneType' has no len()")
                    : init is string ? init : PyOps.Iterate(init, this).ToList();
                return new Traced(type == "Array" ? Mp.Array(code, sizeOrInit, lockArg) : Mp.RawArray(code, sizeOrInit), type);
            }
            case "Barrier":
            {
                var a = Bind("Barrier.__init__", ["parties", "action", "timeout"], [null, null], args, kwargs);
                var parties = Int(a[0]);
                var timeout = Timeout(a[2]);
                var barrier = Traced.Unwrap(a[1]) switch
                {
                    null => new Barrier(parties, null, timeout),
                    // Like CPython's pickling of a module-level function: the function travels by name.
                    UserFunction f => new Barrier(parties, new Action<string>(SharedActions.Run), timeout, [f.Name]),
                    var other => throw new NotImplementedException($"not implemented: a Barrier action that is a {PyOps.TypeName(other)} (a user function is)"),
                };
                return new Traced(barrier, type);
            }
            default: // SimpleQueue
                Bind(type, [], NoDefaults, args, kwargs);
                return new Traced(new SimpleQueue(), type);
        }
    }

    /// <summary>The typecode, the other positional arguments and the lock keyword, with CPython's TypeErrors.</summary>
    private static (string Code, List<object?> Others, object? Lock) SharedArgs(string type, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, bool hasLock, string? allowSecondKeyword)
    {
        var rest = args.Skip(1).ToList();
        object? code = args.Count > 0 ? args[0] : null;
        object? lockArg = true;
        foreach (var (k, v) in kwargs)
        {
            if (k == "typecode_or_type" && args.Count == 0)
                code = v;
            else if (k == "typecode_or_type")
                throw PyErrors.TypeError($"BaseContext.{type}() got multiple values for argument 'typecode_or_type'");
            else if (k == "lock" && hasLock)
                lockArg = v;
            else if (k == allowSecondKeyword && rest.Count == 0)
                rest.Add(v);
            else
                throw PyErrors.TypeError($"BaseContext.{type}() got an unexpected keyword argument '{k}'");
        }
        if (args.Count == 0 && !kwargs.ContainsKey("typecode_or_type"))
            throw PyErrors.TypeError($"BaseContext.{type}() missing 1 required positional argument: 'typecode_or_type'");
        var typecode = Plain(code) as string
            ?? throw PyErrors.TypeError("this type has no size"); // sharedctypes: ctypes.sizeof of what is not a typecode
        return (typecode, rest, Plain(lockArg));
    }

    private static object? Plain(object? v) => Traced.Unwrap(v);

    /// <summary>
    /// Binds the arguments of a Python method without defaults as CPython's def binds them, with its texts
    /// (<c>SimpleQueue.get() takes 1 positional argument but 2 were given</c>: self counts).
    /// </summary>
    private static object?[] BindMethod(string qualname, string[] names, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (args.Count > names.Length)
        {
            var takes = names.Length + 1;
            throw PyErrors.TypeError($"{qualname}() takes {takes} positional argument{(takes == 1 ? "" : "s")} but {args.Count + 1} were given");
        }
        if (kwargs.Keys.FirstOrDefault(k => Array.IndexOf(names, k) < 0) is { } unknown)
            throw PyErrors.TypeError($"{qualname}() got an unexpected keyword argument '{unknown}'");
        return Bind(qualname, names, NoDefaults, args, kwargs);
    }

    /// <summary>Methods of the impl objects this partial serves (untraced; TracedCall wraps them in events).</summary>
    private object? SharedMethod(object obj, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (obj, op)
        {
            case (SharedValue v, "get_lock"):
                Bind(op, [], NoDefaults, args, kwargs);
                return v.GetLock();
            case (SharedValue v, "get_obj"):
                Bind(op, [], NoDefaults, args, kwargs);
                return v.GetObj();
            case (SharedArray a, "get_lock"):
                Bind(op, [], NoDefaults, args, kwargs);
                return a.GetLock();
            case (SharedArray a, "get_obj"):
                Bind(op, [], NoDefaults, args, kwargs);
                return a.GetObj();
            case (SharedArray a, "__getitem__"):
                return args[0] is SliceKey s ? a.GetSlice(s.Start, s.Stop, s.Step) : a.GetItem(Plain(args[0]));
            case (SharedArray a, "__setitem__"):
                a.SetItem(Plain(args[0]), Plain(args[1]));
                return null;
            case (Barrier b, "wait"):
                return (long)b.Wait(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0]));
            case (Barrier b, "reset"):
                Bind(op, [], NoDefaults, args, kwargs);
                b.Reset();
                return null;
            case (Barrier b, "abort"):
                Bind(op, [], NoDefaults, args, kwargs);
                b.Abort();
                return null;
            case (SimpleQueue q, "put"):
                // put pickles before it returns, so CPython's error for a lambda (IPyUnpicklable) comes from put
                q.Put(BindMethod("SimpleQueue.put", ["obj"], args, kwargs)[0]);
                return null;
            case (SimpleQueue q, "get"):
                BindMethod("SimpleQueue.get", [], args, kwargs);
                return q.Get();
            case (SimpleQueue q, "empty"):
                BindMethod("SimpleQueue.empty", [], args, kwargs);
                return q.Empty();
            case (SimpleQueue q, "close"):
                BindMethod("SimpleQueue.close", [], args, kwargs);
                q.Close();
                return null;
            case (SpawnContext c, "get_start_method"):
                Bind(op, [], NoDefaults, args, kwargs);
                return c.GetStartMethod();
            case (SpawnContext c, "Process"):
                return NewProcess(args, kwargs, c); // Interpreter.Primitives.cs: a SpawnProcess
            default:
                throw PyErrors.NoAttribute(obj, op);
        }
    }

    /// <summary>Attributes: a value's <c>value</c>, a barrier's <c>parties</c>, <c>n_waiting</c>, <c>broken</c>.</summary>
    private static object? SharedAttr(object obj, string attr) => (obj, attr) switch
    {
        (SharedValue v, "value") => v.Value,
        (Barrier b, "parties") => (long)b.Parties,
        (Barrier b, "n_waiting") => (long)b.NWaiting,
        (Barrier b, "broken") => b.Broken,
        _ => throw PyErrors.NoAttribute(obj, attr),
    };

    /// <summary><c>set: v.value</c>.</summary>
    private static void SetSharedAttr(object obj, string attr, object? value)
    {
        if (obj is SharedValue v && attr == "value")
            v.Value = Plain(value)!;
        else
            throw PyErrors.NoAttribute(obj, attr);
    }

    /// <summary>An array's <c>a[i]</c> / <c>a[i:j]</c> through a traced <c>__getitem__</c>, as CPython's runner traces it.</summary>
    private object? TracedShared(Traced t, string op, params object?[] args) => TracedCall(t, op, args, NoKwargs);

    /// <summary>The start-method built-ins and <c>wait</c>.</summary>
    private object? SharedBuiltin(string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (name)
        {
            case "get_context":
            {
                var method = Plain(Bind(name, ["method"], [null], args, kwargs)[0]);
                return new Traced(Mp.GetContext(method is null ? null : method as string ?? throw new ValueError($"cannot find context for {PyRepr.Repr(method)}")), "SpawnContext");
            }
            case "get_start_method":
                return Mp.GetStartMethod(PyOps.Truthy(Bind(name, ["allow_none"], [false], args, kwargs)[0]));
            case "set_start_method":
            {
                var a = Bind(name, ["method", "force"], [false], args, kwargs);
                var method = Plain(a[0]);
                Mp.SetStartMethod(method is null ? null : method as string ?? throw new ValueError($"cannot find context for {PyRepr.Repr(method)}"), PyOps.Truthy(a[1]));
                return null;
            }
            default: // connection.wait
            {
                var a = Bind(name, ["object_list", "timeout"], [null], args, kwargs);
                var given = PyOps.Iterate(a[0], this).ToList();
                var plain = given.Select(g => Plain(g) is long fd ? (object)checked((int)fd) : Plain(g)!).ToList();
                var ready = Connection.Wait(plain, Timeout(a[1]));
                // The plain objects the scenario passed (an end, a sentinel int as given), in wait's order, as the CPython runner's.
                return ready.Select(r => Plain(given[plain.FindIndex(p => ReferenceEquals(p, r) || (p is int i && r is int j && i == j))])).ToList();
            }
        }
    }
}

/// <summary>A slice key as CPython's runner shows it in a traced <c>__getitem__</c>: <c>slice(0, 2, None)</c>.</summary>
public sealed record SliceKey(object? Start, object? Stop, object? Step) : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => $"slice({Multiprocessing.Python.PyRepr.Repr(Start)}, {Multiprocessing.Python.PyRepr.Repr(Stop)}, {Multiprocessing.Python.PyRepr.Repr(Step)})";

    /// <inheritdoc />
    public string PyTypeName => "slice";
}

/// <summary>What a Barrier's action is in the C# backend: the scenario function, called by name in whichever process runs it.</summary>
public static class SharedActions
{
    /// <summary>Runs the scenario function <paramref name="function"/> with no arguments (a Barrier's action).</summary>
    public static void Run(string function) => Interpreter.Current.CallFunction(function, [], new Dictionary<string, object?>());
}
