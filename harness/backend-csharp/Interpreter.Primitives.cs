using System;
using System.Collections.Generic;
using System.Linq;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;
using Lock = Multiprocessing.Lock;
using Process = Multiprocessing.Process;
using Queue = Multiprocessing.Queue;
using Semaphore = Multiprocessing.Semaphore;

namespace Conformance.Backend.CSharp;

/// <summary>Primitives (new, traced and untraced method calls), user classes and built-in functions.</summary>
public sealed partial class Interpreter
{
    private static readonly object?[] NoDefaults = [];

    /// <summary>Calls <paramref name="op"/> on a traced object: <c>call</c> before, <c>return</c>/<c>raise</c> after.</summary>
    public object? TracedCall(Traced t, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var shown = new List<string>(args.Count + kwargs.Count);
        foreach (var a in args)
            shown.Add(PyRepr.Repr(a));
        foreach (var (k, v) in kwargs)
            shown.Add($"{k}={PyRepr.Repr(v)}");
        var label = t.TraceLabel;
        if (ChaosDelays.Seed is not null)
            ChaosDelays.Pause();
        TraceLog.Emit("call", ("obj", label), ("type", t.TypeName), ("op", op), ("args", shown));
        object? result;
        try
        {
            result = CallMethod(t.Obj, op, args, kwargs);
        }
        catch (Exception e)
        {
            TraceLog.Emit("raise", ("obj", label), ("type", t.TypeName), ("op", op), ("error", PyErrors.Name(e)), ("message", PyErrors.Str(e)));
            if (ChaosDelays.Seed is not null)
                ChaosDelays.Pause();
            throw;
        }
        TraceLog.Emit("return", ("obj", label), ("type", t.TypeName), ("op", op), ("result", PyRepr.Repr(result)));
        if (ChaosDelays.Seed is not null)
            ChaosDelays.Pause();
        return ReferenceEquals(result, t.Obj) ? t : TracedResult(WrapProxy(result));
    }

    /// <summary>An untraced method call on any value: user methods, impl primitives, lists, dicts, strings.</summary>
    public object? CallMethod(object? obj, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (obj)
        {
            case Traced t:
                return TracedCall(t, op, args, kwargs);
            case ScenarioObject o:
                if (HasMethod(o.ClassName, op))
                    return CallMethod(o, o.ClassName, op, args, kwargs);
                if (o.Fields.TryGetValue(op, out var callable))
                    return CallValue(callable, args, kwargs);
                throw PyErrors.NoAttribute(o, op);
            case ScenarioProcess sp when HasMethod(sp.ClassName, op) && op != "run":
                return CallMethod(sp, sp.ClassName, op, args, kwargs);
            case Process p:
                return ProcessMethod(p, op, args, kwargs);
            case Pool pool:
                return PoolMethod(pool, op, args, kwargs);
            case AsyncResult r:
                return AsyncResultMethod(r, op, args, kwargs);
            case IMapIterator it:
                return IMapIteratorMethod(it, op, args, kwargs);
            case var shared when IsShared(shared):
                return SharedMethod(shared!, op, args, kwargs); // Interpreter.Shared.cs
            case BaseProxy proxy:
                return ProxyMethod(proxy, op, args, kwargs);
            case SyncManager manager:
                return ManagerMethod(manager, op, args, kwargs);
            case JoinableQueue jq when op is "task_done" or "join":
                Bind(op, [], NoDefaults, args, kwargs);
                if (op == "task_done")
                    jq.TaskDone();
                else
                    jq.Join();
                return null;
            case Queue q:
                return QueueMethod(q, op, args, kwargs);
            case Connection c:
                return ConnectionMethod(c, op, args, kwargs);
            case Condition c:
                return ConditionMethod(c, op, args, kwargs);
            case Event e:
                return EventMethod(e, op, args, kwargs);
            case SemLockBase s:
                return SemLockMethod(s, op, args, kwargs);
            case List<object?> l when op == "sort":
            {
                // list.sort(*, key=None, reverse=False): keyword-only, as CPython's
                if (args.Count > 0)
                    throw PyErrors.TypeError("sort() takes no positional arguments");
                if (kwargs.Keys.FirstOrDefault(k => k is not ("key" or "reverse")) is { } unknown)
                    throw PyErrors.TypeError($"'{unknown}' is an invalid keyword argument for sort()");
                var sorted = Sorted(l, kwargs);
                l.Clear();
                l.AddRange(sorted);
                return null;
            }
            case List<object?> l:
                if (kwargs.Count > 0)
                    throw PyErrors.TypeError($"list.{op}() takes no keyword arguments");
                return ListMethod(l, op, args);
            case PyDict d when op == "update" && kwargs.Count > 0:
            {
                var result = DictMethod(d, op, args);
                foreach (var (k, v) in kwargs)
                    d[k] = v; // dict.update(other, **kwargs): the keywords after the positional mapping
                return result;
            }
            case PyDict d:
                if (kwargs.Count > 0)
                    throw PyErrors.TypeError($"dict.{op}() takes no keyword arguments");
                return DictMethod(d, op, args);
            case string s:
                return StrMethods.Contains(op) ? PyStr.Call(s, op, args, kwargs) : throw new ScenarioViolation("method of a str", op);
            default:
                throw PyErrors.NoAttribute(obj, op);
        }
    }

    /// <summary>Python argument binding for a primitive method with defaults; a missing default is required.</summary>
    private static object?[] Bind(string what, string[] names, object?[] defaults, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (args.Count > names.Length)
            throw PyErrors.TypeError($"{what}() takes from {names.Length - defaults.Length} to {names.Length} positional arguments but {args.Count} were given");
        var values = new object?[names.Length];
        var firstDefault = names.Length - defaults.Length;
        for (var i = 0; i < names.Length; i++)
        {
            if (i < args.Count)
            {
                if (kwargs.ContainsKey(names[i]))
                    throw PyErrors.TypeError($"{what}() got multiple values for argument '{names[i]}'");
                values[i] = args[i];
            }
            else if (kwargs.TryGetValue(names[i], out var v))
            {
                values[i] = v;
            }
            else if (i >= firstDefault)
            {
                values[i] = defaults[i - firstDefault];
            }
            else
            {
                throw PyErrors.TypeError($"{what}() missing 1 required positional argument: '{names[i]}'");
            }
        }
        foreach (var k in kwargs.Keys)
        {
            if (Array.IndexOf(names, k) < 0)
                throw PyErrors.TypeError($"{what}() got an unexpected keyword argument '{k}'");
        }
        return values;
    }

    private static double? Timeout(object? v) => v is null ? null : PyOps.AsDouble(Traced.Unwrap(v));

    private static int Int(object? v) => checked((int)PyOps.AsLong(Traced.Unwrap(v)));

    private static object? ProcessMethod(Process p, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "start":
                Bind(op, [], NoDefaults, args, kwargs);
                RefuseUnpicklable(p);
                p.Start();
                return null;
            case "join":
                p.Join(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0]));
                return null;
            case "is_alive":
                Bind(op, [], NoDefaults, args, kwargs);
                return p.IsAlive;
            case "terminate":
                Bind(op, [], NoDefaults, args, kwargs);
                p.Terminate();
                return null;
            case "kill":
                Bind(op, [], NoDefaults, args, kwargs);
                p.Kill();
                return null;
            case "close":
                Bind(op, [], NoDefaults, args, kwargs);
                p.Close();
                return null;
            case "run":
                Bind(op, [], NoDefaults, args, kwargs);
                p.Run();
                return null;
            default:
                throw PyErrors.NoAttribute(p, op);
        }
    }

    private static object? QueueMethod(Queue q, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "put":
            {
                var a = Bind(op, ["obj", "block", "timeout"], [true, null], args, kwargs);
                q.Put(a[0], PyOps.Truthy(a[1]), Timeout(a[2]));
                return null;
            }
            case "put_nowait":
                q.PutNowait(Bind(op, ["obj"], NoDefaults, args, kwargs)[0]);
                return null;
            case "get":
            {
                var a = Bind(op, ["block", "timeout"], [true, null], args, kwargs);
                return q.Get(PyOps.Truthy(a[0]), Timeout(a[1]));
            }
            case "get_nowait":
                Bind(op, [], NoDefaults, args, kwargs);
                return q.GetNowait();
            case "qsize":
                Bind(op, [], NoDefaults, args, kwargs);
                return (long)q.QSize();
            case "empty":
                Bind(op, [], NoDefaults, args, kwargs);
                return q.Empty();
            case "full":
                Bind(op, [], NoDefaults, args, kwargs);
                return q.Full();
            case "close":
                Bind(op, [], NoDefaults, args, kwargs);
                q.Close();
                return null;
            case "join_thread":
                Bind(op, [], NoDefaults, args, kwargs);
                q.JoinThread();
                return null;
            case "cancel_join_thread":
                Bind(op, [], NoDefaults, args, kwargs);
                q.CancelJoinThread();
                return null;
            default:
                throw PyErrors.NoAttribute(q, op);
        }
    }

    private static object? ConnectionMethod(Connection c, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "send":
                c.Send(Bind(op, ["obj"], NoDefaults, args, kwargs)[0]);
                return null;
            case "recv":
                Bind(op, [], NoDefaults, args, kwargs);
                return c.Recv();
            case "poll":
                return c.Poll(Timeout(Bind(op, ["timeout"], [0.0], args, kwargs)[0]));
            case "close":
                Bind(op, [], NoDefaults, args, kwargs);
                c.Close();
                return null;
            default:
                throw PyErrors.NoAttribute(c, op);
        }
    }

    private object? ConditionMethod(Condition c, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "acquire":
            {
                var (block, timeout) = BindSemLockAcquire(args, kwargs); // Interpreter.SemLock.cs
                return c.Acquire(block, timeout);
            }
            case "release":
                Bind(op, [], NoDefaults, args, kwargs);
                c.Release();
                return null;
            case "__enter__":
                return c.Acquire();
            case "__exit__":
                c.Release();
                return null;
            case "wait":
                return c.Wait(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0]));
            case "wait_for":
            {
                var a = Bind(op, ["predicate", "timeout"], [null], args, kwargs);
                var predicate = a[0];
                return c.WaitFor(() => CallValue(predicate, [], NoKwargs), Timeout(a[1]));
            }
            case "notify":
                c.Notify(Int(Bind(op, ["n"], [1L], args, kwargs)[0]));
                return null;
            case "notify_all":
                Bind(op, [], NoDefaults, args, kwargs);
                c.NotifyAll();
                return null;
            default:
                throw PyErrors.NoAttribute(c, op);
        }
    }

    private static object? EventMethod(Event e, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "set":
                Bind(op, [], NoDefaults, args, kwargs);
                e.Set();
                return null;
            case "clear":
                Bind(op, [], NoDefaults, args, kwargs);
                e.Clear();
                return null;
            case "is_set":
                Bind(op, [], NoDefaults, args, kwargs);
                return e.IsSet();
            case "wait":
                return e.Wait(Timeout(Bind(op, ["timeout"], [null], args, kwargs)[0]));
            default:
                throw PyErrors.NoAttribute(e, op);
        }
    }

    private static object? SemLockMethod(SemLockBase s, string op, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (op)
        {
            case "acquire":
            {
                var (block, timeout) = BindSemLockAcquire(args, kwargs); // Interpreter.SemLock.cs
                return s.Acquire(block, timeout);
            }
            case "release":
                Bind(op, [], NoDefaults, args, kwargs);
                s.Release();
                return null;
            case "__enter__":
                return s.Acquire();
            case "__exit__":
                s.Release();
                return null;
            case "get_value" when s is Semaphore sem:
                Bind(op, [], NoDefaults, args, kwargs);
                return (long)sem.GetValue();
            default:
                throw PyErrors.NoAttribute(s, op);
        }
    }

    private object? ListMethod(List<object?> l, string op, IReadOnlyList<object?> args)
    {
        switch (op)
        {
            case "append":
                l.Add(args[0]);
                return null;
            case "extend":
                l.AddRange(PyOps.Iterate(args[0], this));
                return null;
            case "insert":
            {
                var i = PyOps.AsLong(args[0]);
                if (i < 0)
                    i = Math.Max(0, i + l.Count);
                l.Insert((int)Math.Min(i, l.Count), args[1]);
                return null;
            }
            case "pop":
            {
                if (l.Count == 0)
                    throw new PyException("IndexError", "pop from empty list");
                var i = args.Count > 0 ? Index(l.Count, args[0], "pop") : l.Count - 1;
                var v = l[i];
                l.RemoveAt(i);
                return v;
            }
            case "remove":
            {
                var i = l.FindIndex(x => PyOps.Eq(x, args[0]));
                if (i < 0)
                    throw new ValueError("list.remove(x): x not in list");
                l.RemoveAt(i);
                return null;
            }
            case "index":
            {
                var i = l.FindIndex(x => PyOps.Eq(x, args[0]));
                return i < 0 ? throw new ValueError($"{PyRepr.Repr(args[0])} is not in list") : (long)i;
            }
            case "count":
                return (long)l.Count(x => PyOps.Eq(x, args[0]));
            case "clear":
                l.Clear();
                return null;
            case "copy":
                return l.ToList();
            case "reverse":
                l.Reverse();
                return null;
            case "sort":
                var sorted = Sorted(l, NoKwargs);
                l.Clear();
                l.AddRange(sorted);
                return null;
            default:
                throw PyErrors.NoAttribute(l, op);
        }
    }

    private static object? DictMethod(PyDict d, string op, IReadOnlyList<object?> args)
    {
        switch (op)
        {
            case "get":
                return d.TryGet(args[0], out var v) ? v : args.Count > 1 ? args[1] : null;
            case "keys" or "values" or "items":
                return new PyDictView(d, op);
            case "pop":
                return args.Count > 1 && !d.ContainsKey(args[0]) ? args[1] : d.Remove(args[0]);
            case "setdefault":
                if (!d.TryGet(args[0], out var existing))
                    d[args[0]] = existing = args.Count > 1 ? args[1] : null;
                return existing;
            case "update":
                if (args.Count > 0 && args[0] is PyDict other)
                {
                    for (var i = 0; i < other.Count; i++)
                        d[other.Keys[i]] = other.Values[i];
                }
                return null;
            case "copy":
                return d.Copy();
            case "popitem":
                return d.PopItem();
            case "clear":
                d.Clear();
                return null;
            default:
                throw PyErrors.NoAttribute(d, op);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // new
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>Process(group, target, name, args, kwargs, daemon)</c>, from <c>new: Process</c> or a context's
    /// <c>Process(...)</c> (then a <c>SpawnProcess</c>, as CPython's <c>get_context('spawn').Process</c>).
    /// </summary>
    private Traced NewProcess(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, SpawnContext? context)
    {
        var a = Bind("Process.__init__", ProcessParams, [null, null, null, new PyTuple(Array.Empty<object?>()), null, null], args, kwargs);
        if (a[0] is not null)
            throw new AssertionError("group argument must be None for now");
        var target = Traced.Unwrap(a[1]);
        var name = a[2] is null ? null : a[2] as string ?? throw new AssertionError("name must be a string");
        var targetArgs = PyOps.Iterate(a[3], this).ToArray();
        var targetKwargs = a[4] as PyDict;
        bool? daemon = a[5] is null ? null : PyOps.Truthy(a[5]);
        Process p;
        switch (target)
        {
            case null:
                p = MakeProcess(context, null, null, name, daemon);
                break;
            case UserFunction f:
                p = MakeProcess(context, new Action<string, object?[], PyDict?>(ScenarioTargets.RunFunction), [f.Name, targetArgs, targetKwargs], name, daemon);
                break;
            default:
                p = MakeProcess(context, new Action<object?, object?[], PyDict?>(ScenarioTargets.RunCallable), [target, targetArgs, targetKwargs], name, daemon);
                break;
        }
        RecordSpawnPayload(p, target, targetArgs, targetKwargs);
        return new Traced(p, "Process");
    }

    private static Process MakeProcess(SpawnContext? context, Delegate? target, object?[]? args, string? name, bool? daemon) =>
        context is null ? new Process(target, args, name, daemon) : context.Process(target, args, name, daemon);

    private static readonly string[] ProcessParams = ["group", "target", "name", "args", "kwargs", "daemon"];

    /// <summary>
    /// The primitives <see cref="New"/> constructs; with <see cref="Document.Unsupported"/>, exactly the definition's
    /// primitives (harness/Language/language.json; tests/Conformance.Tests/Language holds them together).
    /// </summary>
    public static readonly IReadOnlySet<string> Constructible = new HashSet<string>(StringComparer.Ordinal)
    {
        "Process", "Queue", "JoinableQueue", "Event", "Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore", "Manager",
        "Value", "Array", "RawValue", "RawArray", "Barrier", "SimpleQueue",
        "Pool",
    };

    /// <summary><c>new: Type</c>: a traced primitive, a user class instance (traced when it is a Process subclass).</summary>
    public object? New(string type, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (LanguageExceptions.Known.Contains(type) || ExceptionBaseOf(type) is not null)
        {
            if (kwargs.Count > 0)
                throw PyErrors.TypeError($"{type}() takes no keyword arguments");
            return NewException(type, args); // an exception value, T(*args)
        }
        if (_classes.ContainsKey(type))
            return NewUser(type, args, kwargs);
        switch (type)
        {
            case "Process":
                return NewProcess(args, kwargs, context: null);
            case "Pool":
                return NewPool(args, kwargs);
            case "Queue":
                return new Traced(new Queue(Int(Bind(type, ["maxsize"], [0L], args, kwargs)[0])), type);
            case "JoinableQueue":
                return new Traced(new JoinableQueue(Int(Bind(type, ["maxsize"], [0L], args, kwargs)[0])), type);
            case "Event":
                Bind(type, [], NoDefaults, args, kwargs);
                return new Traced(new Event(), type);
            case "Lock":
                Bind(type, [], NoDefaults, args, kwargs);
                return new Traced(new Lock(), type);
            case "RLock":
                Bind(type, [], NoDefaults, args, kwargs);
                return new Traced(new RLock(), type);
            case "Condition":
            {
                var l = Traced.Unwrap(Bind(type, ["lock"], [null], args, kwargs)[0]);
                return new Traced(new Condition(l is null ? null : l as SemLockBase ?? throw PyErrors.TypeError("Condition(lock): lock must be a Lock or RLock")), type);
            }
            case "Semaphore":
                return new Traced(new Semaphore(CInt(Bind(type, ["value"], [1L], args, kwargs)[0])), type);
            case "BoundedSemaphore":
                return new Traced(new BoundedSemaphore(CInt(Bind(type, ["value"], [1L], args, kwargs)[0])), type);
            case "Value" or "Array" or "RawValue" or "RawArray" or "Barrier" or "SimpleQueue":
                return NewShared(type, args, kwargs); // Interpreter.Shared.cs
            case "Manager":
                return NewManager(args, kwargs);
            default:
                throw new NotImplementedException($"not implemented: {type}");
        }
    }

    private object NewUser(string className, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (ExceptionBaseOf(className) is not null)
            return New(className, args, kwargs)!;
        var spec = (Dictionary<string, object?>)_classes[className]!;
        var fields = spec.GetValueOrDefault("fields") is List<object?> f ? f.Cast<string>().ToList() : new List<string>();
        // As CPython counts them: self is the first positional parameter of __init__ (the instance, first argument).
        var values = BindParams(["self", .. fields], [className, .. args], kwargs, $"{className}.__init__").Skip(1).ToList();
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (spec.GetValueOrDefault("base") as string == "Process")
        {
            var p = new ScenarioProcess(className, dict);
            for (var i = 0; i < fields.Count; i++)
                dict[fields[i]] = values[i];
            return new Traced(p, "Process");
        }
        for (var i = 0; i < fields.Count; i++)
            dict[fields[i]] = values[i];
        return new ScenarioObject(className, dict);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Built-in functions
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>The built-in functions <see cref="CallBuiltin"/> binds: exactly the definition's (a test holds them together).</summary>
    public static readonly IReadOnlySet<string> Builtins = new HashSet<string>(StringComparer.Ordinal)
    {
        "current_process", "parent_process", "active_children", "cpu_count", "Pipe", "str", "repr", "len", "list", "sorted", "range", "map",
        "sys.exit", "os.getpid", "os.getppid", "time.monotonic", "os._exit", "os.kill",
        "type", "isinstance", "hasattr", "getattr", "iter", "next", "set", "zip", "enumerate", "min", "max", "sum", "abs", "any",
        "all", "bool", "int", "float", "tuple", "dict", "reversed", "round",
        "get_context", "get_start_method", "set_start_method", "connection.wait",
    };

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentPid();

    private object? CallBuiltin(string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        // Only the listed names: a case below that the list lacks is unreachable, so the list is what this binds.
        if (!Builtins.Contains(name))
            throw new PyException("NameError", $"name '{name}' is not defined");
        switch (name)
        {
            case "current_process":
                Bind(name, [], NoDefaults, args, kwargs);
                return Mp.CurrentProcess();
            case "parent_process":
            {
                Bind(name, [], NoDefaults, args, kwargs);
                var pid = Mp.ParentPid();
                return pid is null ? null : new ParentProcessInfo(Mp.CurrentProcess().ParentName ?? "", pid.Value);
            }
            case "active_children":
                Bind(name, [], NoDefaults, args, kwargs);
                return Mp.ActiveChildren().Select(p => (object?)p).ToList();
            case "cpu_count":
                Bind(name, [], NoDefaults, args, kwargs);
                return (long)Mp.CpuCount();
            case "get_context" or "get_start_method" or "set_start_method" or "connection.wait":
                return SharedBuiltin(name, args, kwargs); // Interpreter.Shared.cs
            case "Pipe":
            {
                var (a, b) = Mp.Pipe(PyOps.Truthy(Bind(name, ["duplex"], [true], args, kwargs)[0]));
                return new PyTuple([new Traced(a, "Connection"), new Traced(b, "Connection")]);
            }
            case "str":
                return PyRepr.Str(Bind(name, ["object"], [""], args, kwargs)[0]);
            case "repr":
                return PyRepr.Repr(Bind(name, ["obj"], NoDefaults, args, kwargs)[0]);
            case "len":
                return Traced.Unwrap(Bind(name, ["obj"], NoDefaults, args, kwargs)[0]) switch
                {
                    string s => (long)s.EnumerateRunes().Count(),
                    byte[] bytes => (long)bytes.Length,
                    List<object?> l => (long)l.Count,
                    SharedArray a => (long)a.Length,
                    PyTuple t => (long)t.Items.Count,
                    PyDict d => (long)d.Count,
                    PyDictView v => (long)v.Items().Count,
                    PySet set => (long)set.Count,
                    BaseProxy p when p.Exposed.Contains("__len__") => PyOps.AsLong(p.CallMethod("__len__")), // untraced, as CPython's len(proxy)
                    var other => throw PyErrors.TypeError($"object of type '{PyOps.TypeName(other)}' has no len()"),
                };
            case "list":
                return args.Count == 0 ? new List<object?>() : PyOps.Iterate(args[0], this).ToList();
            case "sorted":
                return Sorted(PyOps.Iterate(args[0], this).ToList(), kwargs);
            case "range":
            {
                if (args.Count is < 1 or > 3)
                    throw PyErrors.TypeError($"range expected {(args.Count < 1 ? "at least 1 argument" : "at most 3 arguments")}, got {args.Count}");
                var (start, stop, step) = args.Count switch
                {
                    1 => (0L, PyOps.AsLong(args[0]), 1L),
                    2 => (PyOps.AsLong(args[0]), PyOps.AsLong(args[1]), 1L),
                    _ => (PyOps.AsLong(args[0]), PyOps.AsLong(args[1]), PyOps.AsLong(args[2])),
                };
                if (step == 0)
                    throw new ValueError("range() arg 3 must not be zero");
                var result = new List<object?>();
                for (var i = start; step > 0 ? i < stop : i > stop; i += step)
                    result.Add(i);
                return result;
            }
            case "sys.exit":
                if (kwargs.Count > 0)
                    throw PyErrors.TypeError("sys.exit() takes no keyword arguments");
                throw PyErrors.SystemExit(args);
            case "os.getpid":
                Bind(name, [], NoDefaults, args, kwargs);
                return (long)Environment.ProcessId;
            case "os.getppid":
                Bind(name, [], NoDefaults, args, kwargs);
                return (long)GetParentPid();
            case "os._exit" or "os.kill":
                return OsBuiltin(name, args, kwargs); // Interpreter.Os.cs
            case "time.monotonic":
                Bind(name, [], NoDefaults, args, kwargs);
                return System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
            case "map":
                if (args.Count < 2)
                    throw PyErrors.TypeError("map() must have at least two arguments.");
                return new PyMap(args[0], args.Skip(1).Select(Iter).ToList()); // lazy, as CPython's: iter() of each now, items on next
            default:
                return CallGeneralBuiltin(name, args, kwargs);
        }
    }

    private List<object?> Sorted(List<object?> items, IReadOnlyDictionary<string, object?> kwargs)
    {
        var key = kwargs.GetValueOrDefault("key");
        var reverse = PyOps.Truthy(kwargs.GetValueOrDefault("reverse"));
        var keyed = items.Select(x => (Key: key is null ? x : CallValue(key, [x], NoKwargs), Value: x)).ToList();
        // As list.sort: reverse, sort stably, reverse back (equal keys keep their order); CPython's own algorithm,
        // so the same pairs are compared in the same order and a mixed list fails on the same pair (the message).
        if (reverse)
            keyed.Reverse();
        PySort.Sort(keyed, (a, b) => PyOps.Compare(a.Key, b.Key, "<"));
        if (reverse)
            keyed.Reverse();
        return keyed.Select(x => x.Value).ToList();
    }
}
