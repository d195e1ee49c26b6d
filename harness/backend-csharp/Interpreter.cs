using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using Conformance.Backend.CSharp.Internal;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;
using Process = Multiprocessing.Process;

namespace Conformance.Backend.CSharp;

/// <summary>
/// Interprets scenario documents with the impl library, mirroring harness/backend-cpython/python/conformance_runner.py: the same
/// steps, values, traced calls (call before, return/raise after), labels and argument reprs.
/// </summary>
public sealed partial class Interpreter
{
    private const string PointerKey = "conformance.pointer";
    private static Interpreter? s_current;
    private static readonly object CurrentGate = new();

    private readonly Dictionary<string, object?> _functions;
    private readonly Dictionary<string, object?> _classes;

    /// <summary>Creates an interpreter for <paramref name="document"/> (plain values, see <see cref="Document"/>).</summary>
    public Interpreter(Dictionary<string, object?> document)
    {
        Doc = document;
        _functions = Doc.GetValueOrDefault("functions") as Dictionary<string, object?> ?? new();
        _classes = Doc.GetValueOrDefault("classes") as Dictionary<string, object?> ?? new();
        RegisterPicklables();
        if (Doc.GetValueOrDefault("globals") is Dictionary<string, object?> globals)
        {
            foreach (var (name, value) in globals)
                _module.Vars[name] = Eval(value, new Frame());
        }
    }

    /// <summary>The document.</summary>
    public Dictionary<string, object?> Doc { get; }

    /// <summary>The step being executed, as a JSON pointer.</summary>
    public string Pointer { get; private set; } = "";

    /// <summary>Where <c>print</c> and <c>write</c> go besides the trace (stdout; tests may replace it).</summary>
    public Action<string> Out { get; set; } = text =>
    {
        Console.Out.Write(text);
        Console.Out.Flush();
    };

    /// <summary>
    /// This process's interpreter: the one <see cref="Program"/> installed, or (in a child, where Main never runs)
    /// one loaded once from CONFORMANCE_SCENARIO.
    /// </summary>
    public static Interpreter Current
    {
        get
        {
            if (s_current is { } current)
                return current;
            lock (CurrentGate)
            {
                if (s_current is null)
                {
                    var path = Environment.GetEnvironmentVariable("CONFORMANCE_SCENARIO")
                        ?? throw new InvalidOperationException("CONFORMANCE_SCENARIO is not set: cannot load the scenario in this process");
                    s_current = new Interpreter(Document.Load(path));
                }
                return s_current;
            }
        }
        set => s_current = value;
    }

    /// <summary>This process's interpreter if one is installed, without loading one (batch mode saves and restores it).</summary>
    public static Interpreter? CurrentOrNull
    {
        get => s_current;
        set => s_current = value;
    }

    /// <summary>False in batch mode: a print goes only to <see cref="Out"/>, never to the trace.</summary>
    public bool Tracing { get; set; } = true;

    /// <summary>Allows the interpreter's value types to cross processes through impl's Pickler.</summary>
    public static void RegisterPicklables()
    {
        Pickler.Allow<PyTuple>();
        Pickler.Allow<PyDict>();
        Pickler.Allow<ScenarioObject>();
        Pickler.Allow<Traced>();
        Pickler.Allow<UserFunction>();
        Pickler.Allow<UserClass>();
        Pickler.Allow<BoundMethod>();
        Pickler.Allow<PrimitiveMethod>();
        Pickler.Allow<ParentProcessInfo>();
    }

    /// <summary>The pointer of the step where <paramref name="e"/> was raised, if known.</summary>
    public static string? PointerOf(Exception e) => e.Data.Contains(PointerKey) ? e.Data[PointerKey] as string : null;

    // ------------------------------------------------------------------------------------------------------------
    // Bodies and steps
    // ------------------------------------------------------------------------------------------------------------

    private enum Flow
    {
        Normal,
        Break,
        Continue,
        Return,
    }

    /// <summary>
    /// The variables of one body, and how a name it lacks fails there (conformance_runner.py's <c>Env</c>):
    /// <see cref="FunctionLocals"/> in a function or method, every name the body binds, whose read while unbound is an
    /// UnboundLocalError; a lambda or comprehension reads its <see cref="Enclosing"/> frame live, where such a read is a
    /// free variable's NameError. Main has neither: its names are the module's globals.
    /// </summary>
    private sealed class Frame
    {
        public readonly Dictionary<string, object?> Vars;
        public object? ReturnValue;
        /// <summary>A function's or method's locals (every name its body binds); null in main, a lambda and a comprehension.</summary>
        public IReadOnlySet<string>? FunctionLocals;

        /// <summary>The body's qualified name (<c>f</c>, <c>C.m</c>, <c>f.&lt;locals&gt;.&lt;lambda&gt;</c>); null at module level (main).</summary>
        public string? Qualname;

        /// <summary>The body's <c>global</c> names: assigned in the module's variables, not here.</summary>
        public IReadOnlySet<string> Declared = NoNames;

        /// <summary>A lambda's or a comprehension's: the frame it closes over (read live, as Python's closures).</summary>
        public Frame? Enclosing;

        /// <summary>A generator body's: the generator its yield steps hand values to.</summary>
        public PyGenerator? Generator;

        public Frame() => Vars = new(StringComparer.Ordinal);

        /// <summary>
        /// The error CPython raises for reading or deleting the missing <paramref name="name"/> here, or null (a global
        /// lookup): this body's unbound local is an UnboundLocalError, an enclosing function's a free variable's NameError.
        /// </summary>
        public Exception? Unbound(string name)
        {
            if (FunctionLocals is not null && FunctionLocals.Contains(name) && !Declared.Contains(name))
                return new PyException("UnboundLocalError", $"cannot access local variable '{name}' where it is not associated with a value");
            for (var f = Enclosing; f is not null; f = f.Enclosing)
            {
                if (f.Vars.ContainsKey(name))
                    return null;
                if (f.FunctionLocals is not null && f.FunctionLocals.Contains(name) && !f.Declared.Contains(name))
                    return new PyException("NameError", $"cannot access free variable '{name}' where it is not associated with a value in enclosing scope");
            }
            return null;
        }

        /// <summary>A comprehension's scope in this body: its own loop variables, this body's read live.</summary>
        public Frame Comprehension() => new() { Enclosing = this, Qualname = Qualname };
    }

    private static readonly IReadOnlySet<string> NoNames = new HashSet<string>();

    /// <summary>The module's variables: the top-level <c>globals</c>, and main's own variables (main is module level).</summary>
    private readonly Frame _module = new();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Dictionary<string, object?>, HashSet<string>> LocalsCache = new();

    /// <summary>
    /// The names a function or method spec binds anywhere in its body (parameters, set and for targets, with-as,
    /// except-as, del), less the ones it declares <c>global</c>: its locals, as CPython's compiler finds them.
    /// </summary>
    private static HashSet<string> BodyLocals(Dictionary<string, object?> spec) => LocalsCache.GetValue(spec, s =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (s.GetValueOrDefault("params") is List<object?> ps)
            names.UnionWith(ps.OfType<string>());
        void Targets(object? target)
        {
            if (target is string name && !name.Contains('.', StringComparison.Ordinal))
                names.Add(name);
            else if (target is List<object?> list)
                list.ForEach(Targets);
        }
        void Walk(object? steps)
        {
            if (steps is not List<object?> list)
                return;
            foreach (var item in list)
            {
                if (item is not Dictionary<string, object?> step)
                    continue;
                Targets(step.GetValueOrDefault("set"));
                Targets(step.GetValueOrDefault("for"));
                foreach (var key in new[] { "as", "del" })
                {
                    if (step.GetValueOrDefault(key) is string bound)
                        names.Add(bound);
                }
                if (step.GetValueOrDefault("except") is List<object?> handlers)
                {
                    foreach (var h in handlers.OfType<Dictionary<string, object?>>())
                    {
                        if (h.GetValueOrDefault("as") is string e)
                            names.Add(e);
                        Walk(h.GetValueOrDefault("do"));
                    }
                }
                foreach (var body in new[] { "do", "then", "else", "try", "finally" })
                    Walk(step.GetValueOrDefault(body));
            }
        }
        Walk(s.GetValueOrDefault("steps"));
        if (s.GetValueOrDefault("global") is List<object?> declared)
            names.ExceptWith(declared.OfType<string>());
        return names;
    });

    /// <summary>Runs <c>main</c>, then closes the generators still suspended (their threads end before this returns).</summary>
    public void RunMain()
    {
        try
        {
            ExecSteps(AsList(Doc["main"]), "/main", _module);
        }
        finally
        {
            CloseGenerators();
        }
    }

    /// <summary>Calls the scenario function <paramref name="name"/>.</summary>
    public object? CallFunction(string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (_functions.GetValueOrDefault(name) is not Dictionary<string, object?> spec)
            throw new PyException("NameError", $"name '{name}' is not defined");
        return CallBody(spec, $"/functions/{Token(name)}", null, args, kwargs, name);
    }

    /// <summary>True when class <paramref name="className"/> defines <paramref name="method"/>.</summary>
    public bool HasMethod(string className, string method) => MethodSpec(className, method) is not null;

    /// <summary>Calls the user method <paramref name="method"/> of <paramref name="self"/>'s class.</summary>
    public object? CallMethod(object self, string className, string method, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var spec = MethodSpec(className, method) ?? throw PyErrors.NoAttribute(self, method);
        return CallBody(spec, $"/classes/{Token(className)}/methods/{Token(method)}", self, args, kwargs, $"{className}.{method}");
    }

    private Dictionary<string, object?>? MethodSpec(string className, string method) =>
        _classes.GetValueOrDefault(className) is Dictionary<string, object?> cls
        && cls.GetValueOrDefault("methods") is Dictionary<string, object?> methods
            ? methods.GetValueOrDefault(method) as Dictionary<string, object?>
            : null;

    private static string Token(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private object? CallBody(Dictionary<string, object?> spec, string pointer, object? self, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, string what)
    {
        var parameters = spec.GetValueOrDefault("params") is List<object?> p ? p.Cast<string>().ToList() : new List<string>();
        if (self is not null)
        {
            parameters.Insert(0, "self");
            args = [self, .. args];
        }
        var values = BindParams(parameters, Defaults(spec, pointer), args, kwargs, what);
        var frame = new Frame { Qualname = what, Declared = GlobalNames(spec), FunctionLocals = BodyLocals(spec) };
        for (var i = 0; i < parameters.Count; i++)
            frame.Vars[parameters[i]] = values[i];
        if (IsGenerator(spec))
            return NewGenerator(spec, pointer, frame, what);
        var saved = Pointer;
        try
        {
            var flow = ExecSteps(AsList(spec.GetValueOrDefault("steps")), $"{pointer}/steps", frame);
            return flow == Flow.Return ? frame.ReturnValue : null;
        }
        finally
        {
            Pointer = saved;
        }
    }

    /// <summary>Python's binding of positional and keyword arguments to named parameters (no defaults).</summary>
    public static List<object?> BindParams(IReadOnlyList<string> parameters, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, string what) =>
        BindParams(parameters, NoKwargs, args, kwargs, what);

    /// <summary>
    /// The values of <paramref name="parameters"/> for a call, bound as CPython 3.11 binds a plain <c>def</c> (ceval's
    /// initialize_locals) and with its error texts: <paramref name="parameters"/> are every positional parameter
    /// (<c>self</c> first for a method, the instance first in <paramref name="args"/>), <paramref name="defaults"/>
    /// the values of the last ones, <paramref name="what"/> the qualified name. The checks come in CPython's order:
    /// keywords in call order (unexpected, then given twice), then too many positional arguments, then missing ones.
    /// </summary>
    public static List<object?> BindParams(IReadOnlyList<string> parameters, IReadOnlyDictionary<string, object?> defaults,
        IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, string what)
    {
        var n = parameters.Count;
        var bound = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(n, args.Count); i++)
            bound[parameters[i]] = args[i];
        foreach (var (key, value) in kwargs)
        {
            if (!parameters.Contains(key))
                throw PyErrors.TypeError($"{what}() got an unexpected keyword argument '{key}'");
            if (!bound.TryAdd(key, value))
                throw PyErrors.TypeError($"{what}() got multiple values for argument '{key}'");
        }
        if (args.Count > n)
        {
            var (sig, plural) = defaults.Count > 0 ? ($"from {n - defaults.Count} to {n}", "s") : (n.ToString(System.Globalization.CultureInfo.InvariantCulture), n == 1 ? "" : "s");
            throw PyErrors.TypeError($"{what}() takes {sig} positional argument{plural} but {args.Count} {(args.Count == 1 ? "was" : "were")} given");
        }
        var missing = parameters.Where(p => !bound.ContainsKey(p) && !defaults.ContainsKey(p)).Select(p => $"'{p}'").ToList();
        if (missing.Count > 0)
        {
            var listed = missing.Count switch
            {
                1 => missing[0],
                2 => $"{missing[0]} and {missing[1]}",
                _ => string.Join(", ", missing.Take(missing.Count - 1)) + $", and {missing[^1]}",
            };
            throw PyErrors.TypeError($"{what}() missing {missing.Count} required positional argument{(missing.Count == 1 ? "" : "s")}: {listed}");
        }
        return parameters.Select(p => bound.TryGetValue(p, out var v) ? v : defaults[p]).ToList();
    }

    private static List<object?> AsList(object? v) => v as List<object?> ?? new List<object?>();

    private Flow ExecSteps(List<object?> steps, string pointer, Frame frame)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var flow = ExecStep(steps[i], $"{pointer}/{i}", frame);
            if (flow != Flow.Normal)
                return flow;
        }
        return Flow.Normal;
    }

    private Flow ExecStep(object? step, string pointer, Frame frame)
    {
        Pointer = pointer;
        try
        {
            return Exec(step, pointer, frame);
        }
        catch (Exception e) when (Tag(e, pointer))
        {
            throw; // never reached: Tag returns false, so the exception passes with its stack intact
        }
    }

    private static bool Tag(Exception e, string pointer)
    {
        if (!e.Data.Contains(PointerKey))
        {
            try
            {
                e.Data[PointerKey] = pointer;
            }
            catch (ArgumentException)
            {
                // Data not writable: the pointer falls back to the current step.
            }
        }
        return false;
    }

    private Flow Exec(object? step, string pointer, Frame frame)
    {
        if (step is string word)
        {
            return word switch
            {
                "break" => Flow.Break,
                "continue" => Flow.Continue,
                "pass" => Flow.Normal,
                "raise" => Reraise(),
                _ => throw new ValueError($"unknown step {PyRepr.Repr(word)}"),
            };
        }
        if (step is not Dictionary<string, object?> s)
            throw new InvalidOperationException($"a step is a map or a word, not {PyOps.TypeName(step)}");

        if (s.TryGetValue("set", out var target) && target is List<object?> targets)
        {
            AssignTarget(frame, targets, Eval(s["to"], frame));
            return Flow.Normal;
        }
        if (s.TryGetValue("set", out target))
        {
            var name = (string)target!;
            var value = Eval(s["to"], frame);
            var dot = name.LastIndexOf('.');
            if (dot >= 0)
            {
                SetAttr(Lookup(name[..dot], frame), name[(dot + 1)..], value);
            }
            else
            {
                if (value is Traced t && t.Label is null)
                    t.Label = name;
                Assign(frame, name, value);
            }
            return Flow.Normal;
        }
        if (s.TryGetValue("setitem", out var containerExpr))
        {
            var container = Eval(containerExpr, frame);
            var key = Eval(s["key"], frame);
            var value = Eval(s["to"], frame);
            SetItem(container, key, value);
            return Flow.Normal;
        }
        if (s.ContainsKey("call"))
        {
            Eval(s, frame);
            return Flow.Normal;
        }
        if (s.TryGetValue("print", out var printed))
        {
            var values = printed is List<object?> list ? list.Select(v => Eval(v, frame)).ToList() : new List<object?> { Eval(printed, frame) };
            var sep = s.TryGetValue("sep", out var sepExpr) ? Eval(sepExpr, frame) : null;
            var end = s.TryGetValue("end", out var endExpr) ? Eval(endExpr, frame) : null;
            // builtin_print: sep, then end, must be None (the default) or a str.
            var separator = PrintArgument(sep, "sep") ?? " ";
            var ending = PrintArgument(end, "end") ?? "\n";
            Output(string.Join(separator, values.Select(PyRepr.Str)) + ending);
            return Flow.Normal;
        }
        if (s.TryGetValue("write", out var written))
        {
            Output(PyRepr.Str(Eval(written, frame)));
            return Flow.Normal;
        }
        if (s.TryGetValue("sleep", out var seconds))
        {
            var d = PyOps.AsDouble(Eval(seconds, frame));
            if (d < 0)
                throw new ValueError("sleep length must be non-negative");
            Thread.Sleep(TimeSpan.FromSeconds(d));
            return Flow.Normal;
        }
        if (s.ContainsKey("with"))
            return ExecWith(s, pointer, frame);
        if (s.TryGetValue("if", out var condition))
        {
            return PyOps.Truthy(Eval(condition, frame))
                ? ExecSteps(AsList(s.GetValueOrDefault("then")), $"{pointer}/then", frame)
                : ExecSteps(AsList(s.GetValueOrDefault("else")), $"{pointer}/else", frame);
        }
        if (s.TryGetValue("while", out var loop))
        {
            var body = AsList(s.GetValueOrDefault("do"));
            while (PyOps.Truthy(Eval(loop, frame)))
            {
                if (Iterate(body, pointer, frame) is { } end)
                    return end;
            }
            return Flow.Normal;
        }
        if (s.TryGetValue("for", out var variable))
        {
            var body = AsList(s.GetValueOrDefault("do"));
            foreach (var item in PyOps.Iterate(Eval(s["in"], frame), this))
            {
                AssignTarget(frame, variable, item);
                if (Iterate(body, pointer, frame) is { } end)
                    return end;
            }
            return Flow.Normal;
        }
        if (s.ContainsKey("try"))
            return ExecTry(s, pointer, frame);
        if (s.TryGetValue("raise", out var raised))
            throw RaiseStep(s, (string)raised!, frame);
        if (s.TryGetValue("return", out var returned))
        {
            frame.ReturnValue = Eval(returned, frame);
            return Flow.Return;
        }
        if (s.TryGetValue("expr", out var dropped))
        {
            Eval(dropped, frame);
            return Flow.Normal;
        }
        if (s.TryGetValue("del", out var deleted))
        {
            Delete(deleted, frame);
            return Flow.Normal;
        }
        if (s.TryGetValue("yield", out var yielded))
        {
            var value = Eval(yielded, frame);
            (frame.Generator ?? throw new ValueError("yield outside a generator body")).Yield(value);
            return Flow.Normal;
        }
        throw new ValueError($"unknown step {PyRepr.Repr(s.Keys.Order(StringComparer.Ordinal).Select(k => (object?)k).ToList())}");
    }

    private static string? PrintArgument(object? value, string what) => Traced.Unwrap(value) switch
    {
        null => null,
        string text => text,
        var other => throw PyErrors.TypeError($"{what} must be None or a string, not {PyOps.TypeName(other)}"),
    };

    /// <summary><c>del name</c>, <c>del v[k]</c>, <c>del v[a:b:c]</c>, <c>del v.attr</c>, in Python's order (v, then k).</summary>
    private void Delete(object? target, Frame frame)
    {
        if (target is string name)
        {
            if (frame.Declared.Contains(name)) // global x; del x: the module's variable
            {
                if (!_module.Vars.Remove(name))
                    throw new PyException("NameError", $"name '{name}' is not defined");
                return;
            }
            if (!frame.Vars.Remove(name))
                throw frame.Unbound(name) ?? new PyException("NameError", $"name '{name}' is not defined");
            return;
        }
        var t = (Dictionary<string, object?>)target!;
        if (t.TryGetValue("attr", out var attr))
        {
            var obj = Eval(t["of"], frame);
            DelAttr(obj, attr as string ?? throw new ScenarioViolation("attribute", PyRepr.Repr(attr)));
            return;
        }
        if (t.TryGetValue("slice", out var sliced))
        {
            var container = Eval(sliced, frame);
            var (start, stop, step) = SliceBounds(t, frame);
            PySlice.Delete(container, start, stop, step);
            return;
        }
        var of = Eval(t["of"], frame);
        PySlice.DeleteItem(of, Eval(t["index"], frame));
    }

    private (object? Start, object? Stop, object? Step) SliceBounds(Dictionary<string, object?> x, Frame frame)
    {
        var start = x.TryGetValue("start", out var a) ? Eval(a, frame) : null;
        var stop = x.TryGetValue("stop", out var b) ? Eval(b, frame) : null;
        var step = x.TryGetValue("step", out var c) ? Eval(c, frame) : null;
        return (start, stop, step);
    }

    /// <summary>Python <c>delattr(value, attr)</c> for scenario values.</summary>
    public static void DelAttr(object? value, string attr)
    {
        Policy.CheckAttribute(attr, write: true);
        switch (value)
        {
            case Traced t:
                DelAttr(t.Obj, attr);
                return;
            case ScenarioObject o:
                if (!o.Fields.Remove(attr))
                    throw PyErrors.NoAttribute(o, attr);
                return;
            case ScenarioProcess sp:
                if (!sp.Fields.Remove(attr))
                    throw PyErrors.NoAttribute(sp, attr);
                return;
            case PyType type:
                throw PyErrors.TypeError($"cannot set '{attr}' attribute of immutable type '{type.Name}'");
            default:
                throw PyErrors.NoAttribute(value, attr);
        }
    }

    /// <summary>
    /// The exceptions being handled, innermost last: an <c>except</c> handler's while it runs, and the one a
    /// <c>finally</c> runs for while it propagates (CPython re-raises that one too). Per thread, as CPython's.
    /// </summary>
    [ThreadStatic]
    private static List<Exception>? s_handling;

    private static List<Exception> Handling => s_handling ??= [];

    /// <summary>A bare <c>raise</c>: the exception being handled, else CPython's RuntimeError.</summary>
    private static Flow Reraise()
    {
        if (Handling.Count == 0)
            throw new RuntimeError("No active exception to reraise");
        ExceptionDispatchInfo.Throw(Handling[^1]);
        return Flow.Normal; // never reached
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="e"/> as the exception being handled.</summary>
    private static T WhileHandling<T>(Exception e, Func<T> body)
    {
        Handling.Add(e);
        try
        {
            return body();
        }
        finally
        {
            Handling.RemoveAt(Handling.Count - 1);
        }
    }

    /// <summary>The exception a <c>raise</c> step raises: <c>T(message)</c>, <c>T(*args)</c> or the value of <c>$e</c>, with its <c>from</c> cause.</summary>
    private Exception RaiseStep(Dictionary<string, object?> s, string raised, Frame frame)
    {
        Exception e;
        if (raised.StartsWith('$') && !raised.StartsWith("$$", StringComparison.Ordinal))
        {
            var value = Eval(raised, frame);
            e = value is Exception x and not ScenarioViolation ? x : throw PyErrors.TypeError("exceptions must derive from BaseException");
        }
        else
        {
            var args = s.TryGetValue("args", out var a) ? PyOps.Iterate(Eval(a, frame), this).ToList()
                : s.TryGetValue("message", out var m) ? [Eval(m, frame)]
                : new List<object?>();
            e = NewException(raised, args);
        }
        if (s.TryGetValue("from", out var cause))
            PyErrors.SetCause(e, Eval(cause, frame));
        return e;
    }

    /// <summary>The language exception type, or the base of user exception class <paramref name="name"/>; null for neither.</summary>
    private string? ExceptionBaseOf(string name) =>
        _classes.GetValueOrDefault(name) is Dictionary<string, object?> cls && cls.GetValueOrDefault("base") is string b && LanguageExceptions.Known.Contains(b) ? b : null;

    /// <summary><c>T(*args)</c> for a language exception type or a user exception class.</summary>
    private Exception NewException(string type, IReadOnlyList<object?> args) =>
        ExceptionBaseOf(type) is { } userBase ? PyErrors.Raise(type, args, userBase)
        : LanguageExceptions.Known.Contains(type) ? PyErrors.Raise(type, args)
        : throw new ValueError($"unknown exception type {PyRepr.Repr(type)}");

    /// <summary>One iteration of a while/for body: null to go on, else how the loop ends (break → Normal, Return).</summary>
    private Flow? Iterate(List<object?> body, string pointer, Frame frame) => ExecSteps(body, $"{pointer}/do", frame) switch
    {
        Flow.Break => Flow.Normal,
        Flow.Return => Flow.Return,
        _ => null,
    };

    /// <summary>A <c>print</c>/<c>write</c>: the trace event, then stdout.</summary>
    public void Output(string text)
    {
        if (Tracing)
            TraceLog.Emit("print", ("text", text));
        Out(text);
    }

    private Flow ExecWith(Dictionary<string, object?> s, string pointer, Frame frame)
    {
        var manager = Eval(s["with"], frame);
        object? entered;
        Func<Exception?, object?> leave;
        if (manager is Traced t)
        {
            entered = TracedCall(t, "__enter__", [], NoKwargs);
            leave = e => TracedCall(t, "__exit__", ExitArgs(e), NoKwargs);
        }
        else
        {
            try
            {
                entered = CallMethod(manager, "__enter__", [], NoKwargs);
            }
            catch (Exception e) when (PyErrors.Name(e) == "AttributeError")
            {
                // CPython 3.11's with: the protocol's absence is a TypeError, not the lookup's AttributeError
                throw PyErrors.TypeError($"'{PyOps.TypeName(Traced.Unwrap(manager))}' object does not support the context manager protocol");
            }
            leave = e => CallMethod(manager, "__exit__", ExitArgs(e), NoKwargs);
        }
        if (s.TryGetValue("as", out var name))
            Assign(frame, (string)name!, entered);
        Flow flow;
        try
        {
            flow = ExecSteps(AsList(s.GetValueOrDefault("do")), $"{pointer}/do", frame);
        }
        catch (Exception e)
        {
            if (!PyOps.Truthy(leave(e)))
                throw;
            return Flow.Normal;
        }
        leave(null);
        return flow;
    }

    private static List<object?> ExitArgs(Exception? e) =>
        e is null ? [null, null, null] : [new ExceptionClass(e), e, new TracebackObject()];

    private Flow ExecTry(Dictionary<string, object?> s, string pointer, Frame frame)
    {
        Flow flow = Flow.Normal;
        ExceptionDispatchInfo? pending = null;
        try
        {
            flow = ExecSteps(AsList(s["try"]), $"{pointer}/try", frame);
        }
        catch (Exception e)
        {
            var handled = false;
            var handlers = AsList(s.GetValueOrDefault("except"));
            for (var i = 0; i < handlers.Count; i++)
            {
                var handler = (Dictionary<string, object?>)handlers[i]!;
                if (!PyErrors.Matches(e, (string)handler["type"]!))
                    continue;
                handled = true;
                if (handler.TryGetValue("as", out var name))
                    Assign(frame, (string)name!, e);
                try
                {
                    var body = AsList(handler.GetValueOrDefault("do"));
                    flow = WhileHandling(e, () => ExecSteps(body, $"{pointer}/except/{i}/do", frame));
                }
                catch (Exception inner)
                {
                    pending = ExceptionDispatchInfo.Capture(inner);
                }
                finally
                {
                    // CPython deletes the 'as' name when the handler ends (except E as e: ... ; e is unbound after).
                    if (name is string bound)
                        frame.Vars.Remove(bound);
                }
                break;
            }
            if (!handled)
                pending = ExceptionDispatchInfo.Capture(e);
        }
        if (s.TryGetValue("finally", out var fin))
        {
            var steps = AsList(fin);
            var f = pending is null
                ? ExecSteps(steps, $"{pointer}/finally", frame)
                : WhileHandling(pending.SourceException, () => ExecSteps(steps, $"{pointer}/finally", frame));
            if (f != Flow.Normal)
                return f;
        }
        pending?.Throw();
        return flow;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Values
    // ------------------------------------------------------------------------------------------------------------

    private static readonly IReadOnlyDictionary<string, object?> NoKwargs = new Dictionary<string, object?>();

    private object? Lookup(string path, Frame frame)
    {
        var parts = path.Split('.');
        var value = Name(parts[0], frame);
        for (var i = 1; i < parts.Length; i++)
            value = GetAttr(value, parts[i]);
        return value;
    }

    private object? Name(string name, Frame frame)
    {
        if (TryVariable(name, frame, out var v))
            return v;
        if (frame.Unbound(name) is { } unbound)
            throw unbound;
        if (_functions.ContainsKey(name))
            return new UserFunction(name);
        if (_classes.ContainsKey(name))
            return new UserClass(name);
        throw new PyException("NameError", $"name '{name}' is not defined");
    }

    /// <summary>Python <c>getattr(value, attr)</c> for scenario values.</summary>
    public object? GetAttr(object? value, string attr)
    {
        Policy.CheckAttribute(attr);
        if (attr == "__class__")
            return PyType.Of(Traced.Unwrap(value));
        switch (value)
        {
            case string s when StrMethods.Contains(attr):
                return new PrimitiveMethod(s, "str", attr);
            case string when !Policy.ReadableDunders.Contains(attr):
                throw new ScenarioViolation("attribute of a str", attr);
            case BuiltinFunction b when attr == "__name__":
                return b.Name;
            case Traced { Obj: not ScenarioProcess } t when LanguageFile.PrimitiveMethods(t.TypeName).Contains(attr):
                // As CPython's getattr on the object: a bound method, whose calls are not traced.
                return new PrimitiveMethod(t.Obj, t.TypeName, attr);
            case Traced t:
                return GetAttr(t.Obj, attr);
            case UserFunction f when attr == "__name__":
                return f.Name;
            case PyLambda when attr == "__name__":
                return "<lambda>";
            case UserClass c when attr == "__name__":
                return c.Name;
            case PyType type when attr == "__name__":
                return type.Name;
            case PyType type:
                throw new Multiprocessing.AttributeError($"type object '{type.Name}' has no attribute '{attr}'");
            case ScenarioObject o:
                if (o.Fields.TryGetValue(attr, out var field))
                    return field;
                if (HasMethod(o.ClassName, attr))
                    return new BoundMethod(o, o.ClassName, attr);
                throw PyErrors.NoAttribute(o, attr);
            case ScenarioProcess sp:
                if (sp.Fields.TryGetValue(attr, out var spField))
                    return spField;
                if (HasMethod(sp.ClassName, attr))
                    return new BoundMethod(sp, sp.ClassName, attr);
                return ProcessAttr(sp, attr);
            case Process p:
                return ProcessAttr(p, attr);
            case ParentProcessInfo pp:
                return attr switch
                {
                    "name" => pp.Name,
                    "pid" or "ident" => (long)pp.Pid,
                    _ => throw PyErrors.NoAttribute(pp, attr),
                };
            case Exception e when attr == "args":
                return PyErrors.Args(e);
            case Exception e when attr == "__cause__":
                return PyErrors.CauseOf(e);
            case Exception e when attr == "code" && PyErrors.Matches(e, "SystemExit"):
                return PyErrors.Code(e);
            default:
                throw PyErrors.NoAttribute(value, attr);
        }
    }

    private static object? ProcessAttr(Process p, string attr) => attr switch
    {
        "name" => p.Name,
        "pid" or "ident" => p.Pid is { } pid ? (long)pid : null,
        "exitcode" => p.ExitCode is { } code ? (long)code : null,
        "daemon" => p.Daemon,
        _ when LanguageFile.PrimitiveMethods("Process").Contains(attr) => new PrimitiveMethod(p, "Process", attr),
        _ => throw PyErrors.NoAttribute(p, attr),
    };

    /// <summary>Python <c>setattr(value, attr, new)</c>.</summary>
    public void SetAttr(object? value, string attr, object? newValue)
    {
        Policy.CheckAttribute(attr, write: true);
        switch (value)
        {
            case Traced t:
                SetAttr(t.Obj, attr, newValue);
                return;
            case ScenarioObject o:
                o.Fields[attr] = newValue;
                return;
            case ScenarioProcess sp when attr is not ("name" or "daemon"):
                sp.Fields[attr] = newValue;
                return;
            case Process p when attr == "name":
                p.Name = newValue as string ?? throw new AssertionError("name must be a string");
                return;
            case Process p when attr == "daemon":
                p.Daemon = PyOps.Truthy(newValue);
                return;
            default:
                throw PyErrors.NoAttribute(value, attr);
        }
    }

    private static object? GetItem(object? container, object? key)
    {
        switch (Traced.Unwrap(container))
        {
            case PyDict d:
                return d[key];
            case List<object?> l:
                return l[Index(l.Count, key, "list")];
            case PyTuple t:
                return t.Items[Index(t.Items.Count, key, "tuple")];
            case string s:
            {
                // By code point, as Python: an astral character is one item (two UTF-16 units).
                if (key is not (long or int or bool or System.Numerics.BigInteger))
                    throw PyErrors.TypeError($"string indices must be integers, not '{PyOps.TypeName(key)}'");
                var runes = s.EnumerateRunes().ToList();
                return runes[Index(runes.Count, key, "string")].ToString();
            }
            default:
                throw PyErrors.TypeError($"'{PyOps.TypeName(container)}' object is not subscriptable");
        }
    }

    private static int Index(int count, object? key, string what)
    {
        if (key is not (long or int or bool or System.Numerics.BigInteger))
            throw PyErrors.TypeError($"{what} indices must be integers or slices, not {PyOps.TypeName(key)}");
        var i = PyOps.AsLong(key);
        if (i < 0)
            i += count;
        if (i < 0 || i >= count)
            throw new PyException("IndexError", $"{what} index out of range");
        return (int)i;
    }

    private static void SetItem(object? container, object? key, object? value)
    {
        switch (Traced.Unwrap(container))
        {
            case PyDict d:
                d[key] = value;
                return;
            case List<object?> l:
                l[Index(l.Count, key, "list assignment")] = value;
                return;
            default:
                throw PyErrors.TypeError($"'{PyOps.TypeName(container)}' object does not support item assignment");
        }
    }

    /// <summary>A <c>{format}</c> template: <c>{name}</c>/<c>{name.attr}</c> insert <c>str()</c>, <c>!r</c>/<c>!s</c> convert, <c>:spec</c> formats; <c>{{</c>/<c>}}</c> escape.</summary>
    public string Format(string template, Func<string, object?> lookup)
    {
        var sb = new StringBuilder(template.Length + 16);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                sb.Append('}');
                i += 2;
            }
            else if (c == '{')
            {
                var j = template.IndexOf('}', i);
                if (j < 0)
                    throw new ValueError("Single '{' encountered in format string");
                var field = template[(i + 1)..j];
                var spec = "";
                var colon = field.IndexOf(':');
                if (colon >= 0)
                {
                    spec = field[(colon + 1)..];
                    field = field[..colon];
                }
                string? conversion = null;
                var bang = field.IndexOf('!');
                if (bang >= 0)
                {
                    conversion = field[(bang + 1)..];
                    field = field[..bang];
                }
                var value = lookup(field.Trim());
                value = conversion switch
                {
                    null => value,
                    "r" => PyRepr.Repr(value),
                    "s" => PyRepr.Str(value),
                    _ => throw new ValueError($"Unknown conversion specifier {conversion}"),
                };
                sb.Append(spec.Length > 0 ? PyFormat.Apply(value, spec) : PyRepr.Str(value));
                i = j + 1;
            }
            else if (c == '}')
            {
                throw new ValueError("Single '}' encountered in format string");
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private object? Eval(object? x, Frame frame)
    {
        switch (x)
        {
            case string s:
                if (s.StartsWith("$$", StringComparison.Ordinal))
                    return s[1..];
                if (s.StartsWith('$'))
                    return Lookup(s[1..], frame);
                return s;
            case List<object?> list:
            {
                var result = new List<object?>(list.Count);
                foreach (var item in list)
                    result.Add(Eval(item, frame));
                return result;
            }
            case Dictionary<string, object?> e:
                return EvalExpression(e, frame);
            default:
                return x;
        }
    }

    private object? EvalExpression(Dictionary<string, object?> x, Frame frame)
    {
        if (x.TryGetValue("call", out var callee))
        {
            if (callee is Dictionary<string, object?> method)
            {
                // {attr: method, of: <expr>}: the object first, then the arguments.
                var name = method.GetValueOrDefault("attr") as string ?? throw new ScenarioViolation("method", PyRepr.Repr(method.GetValueOrDefault("attr")));
                Policy.CheckMethod(name);
                var obj = Eval(method["of"], frame);
                var (margs, mkwargs) = EvalArgs(x, frame);
                return obj is Traced traced ? TracedCall(traced, name, margs, mkwargs) : CallMethod(obj, name, margs, mkwargs);
            }
            var (args, kwargs) = EvalArgs(x, frame);
            return Call((string)callee!, args, kwargs, frame);
        }
        if (x.TryGetValue("new", out var type))
        {
            var (args, kwargs) = EvalArgs(x, frame);
            return New((string)type!, args, kwargs);
        }
        if (x.TryGetValue("tuple", out var tuple))
            return new PyTuple(AsList(tuple).Select(v => Eval(v, frame)).ToArray());
        if (x.TryGetValue("dict", out var pairs))
        {
            var d = new PyDict();
            foreach (var pair in AsList(pairs))
            {
                var kv = (List<object?>)pair!;
                var key = Eval(kv[0], frame);
                d[key] = Eval(kv[1], frame);
            }
            return d;
        }
        if (x.TryGetValue("format", out var template))
            return Format((string)template!, field => Lookup(field, frame));
        if (x.TryGetValue("attr", out var attr))
            return GetAttr(Eval(x["of"], frame), attr as string ?? throw new ScenarioViolation("attribute", PyRepr.Repr(attr)));
        if (x.TryGetValue("index", out var index))
        {
            var container = Eval(x["of"], frame);
            var key = Eval(index, frame);
            return GetItem(container, key);
        }
        if (x.TryGetValue("and", out var all))
        {
            object? result = true;
            foreach (var v in AsList(all))
            {
                result = Eval(v, frame);
                if (!PyOps.Truthy(result))
                    return result;
            }
            return result;
        }
        if (x.TryGetValue("or", out var any))
        {
            object? result = false;
            foreach (var v in AsList(any))
            {
                result = Eval(v, frame);
                if (PyOps.Truthy(result))
                    return result;
            }
            return result;
        }
        if (x.TryGetValue("not", out var negated))
            return !PyOps.Truthy(Eval(negated, frame));
        if (x.TryGetValue("is_none", out var tested))
            return Traced.Unwrap(Eval(tested, frame)) is null;
        if (x.TryGetValue("neg", out var negative))
            return PyExpr.Negate(Eval(negative, frame));
        if (x.TryGetValue("pos", out var positive))
            return PyExpr.Plus(Eval(positive, frame));
        if (x.TryGetValue("cond", out var test))
            return PyOps.Truthy(Eval(test, frame)) ? Eval(x["then"], frame) : Eval(x["else"], frame);
        if (x.TryGetValue("slice", out var sliced))
        {
            var container = Eval(sliced, frame);
            var (start, stop, step) = SliceBounds(x, frame);
            return PySlice.Get(container, start, stop, step);
        }
        if (x.ContainsKey("list_comp") || x.ContainsKey("dict_comp"))
            return Comprehension(x, frame); // before the binary operators: 'in' is one of its keys
        if (x.TryGetValue("type", out var typeName))
            return TypeView(typeName as string ?? throw new ScenarioViolation("type", PyRepr.Repr(typeName)));
        if (x.TryGetValue("builtin", out var builtinName))
            return BuiltinValue(builtinName as string ?? throw new ScenarioViolation("built-in value", PyRepr.Repr(builtinName)));
        if (x.TryGetValue("lambda", out var lambdaBody))
        {
            var parameters = AsList(x.GetValueOrDefault("params")).Cast<string>().ToList();
            return new PyLambda(frame.Qualname is null ? "<lambda>" : $"{frame.Qualname}.<locals>.<lambda>", parameters, lambdaBody, frame);
        }
        foreach (var (op, operandsExpr) in x)
        {
            if (!Binary.TryGetValue(op, out var fn))
                continue;
            var operands = AsList(operandsExpr).Select(v => Eval(v, frame)).ToList();
            var result = operands[0];
            for (var i = 1; i < operands.Count; i++)
                result = fn(result, operands[i]);
            return result;
        }
        throw new ValueError($"unknown expression {PyRepr.Repr(x.Keys.Order(StringComparer.Ordinal).Select(k => (object?)k).ToList())}");
    }

    private static readonly Dictionary<string, Func<object?, object?, object?>> Binary = new()
    {
        ["add"] = PyOps.Add,
        ["sub"] = PyOps.Sub,
        ["mul"] = PyOps.Mul,
        ["div"] = PyOps.Div,
        ["floordiv"] = PyOps.FloorDiv,
        ["mod"] = PyOps.Mod,
        ["eq"] = (a, b) => PyOps.Eq(a, b),
        ["ne"] = (a, b) => !PyOps.Eq(a, b),
        ["lt"] = (a, b) => PyOps.Compare(a, b, "<"),
        ["le"] = (a, b) => PyOps.Compare(a, b, "<="),
        ["gt"] = (a, b) => PyOps.Compare(a, b, ">"),
        ["ge"] = (a, b) => PyOps.Compare(a, b, ">="),
        ["is"] = (a, b) => PyOps.Is(a, b),
        ["in"] = (a, b) => PyExpr.Contains(b, a),
        ["not_in"] = (a, b) => !PyExpr.Contains(b, a),
        ["pow"] = PyExpr.Pow,
    };

    /// <summary>A list or dict comprehension: the iterable in this scope, the element, key, value and filter in its own.</summary>
    private object? Comprehension(Dictionary<string, object?> x, Frame frame)
    {
        var items = PyOps.Iterate(Eval(x["in"], frame), this);
        var scope = frame.Comprehension();
        var target = x["for"];
        var isList = x.TryGetValue("list_comp", out var element);
        var list = isList ? new List<object?>() : null;
        var dict = isList ? null : new PyDict();
        foreach (var item in items)
        {
            if (target is List<object?>)
                AssignTarget(scope, target, item); // for: [k, v], unpacked as the for step's
            else
                scope.Vars[(string)target!] = item;
            if (x.TryGetValue("if", out var filter) && !PyOps.Truthy(Eval(filter, scope)))
                continue;
            if (list is not null)
            {
                list.Add(Eval(element, scope));
            }
            else
            {
                var pair = (List<object?>)x["dict_comp"]!;
                var key = Eval(pair[0], scope);
                dict![key] = Eval(pair[1], scope);
            }
        }
        return (object?)list ?? dict;
    }

    private (List<object?> Args, Dictionary<string, object?> Kwargs) EvalArgs(Dictionary<string, object?> x, Frame frame)
    {
        var args = AsList(x.GetValueOrDefault("args")).Select(a => Eval(a, frame)).ToList();
        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (x.GetValueOrDefault("kwargs") is Dictionary<string, object?> kw)
        {
            foreach (var (k, v) in kw)
                kwargs[k] = Eval(v, frame);
        }
        return (args, kwargs);
    }

    private object? Call(string callee, List<object?> args, Dictionary<string, object?> kwargs, Frame frame)
    {
        if (callee.Contains('.') && Builtins.Contains(callee))
            return CallBuiltin(callee, args, kwargs); // sys.exit, os.getpid, ...: sys, os and time are never variables
        var dot = callee.LastIndexOf('.');
        if (dot >= 0)
        {
            var method = callee[(dot + 1)..];
            Policy.CheckMethod(method);
            var obj = Lookup(callee[..dot], frame);
            return obj is Traced t ? TracedCall(t, method, args, kwargs) : CallMethod(obj, method, args, kwargs);
        }
        if (TryVariable(callee, frame, out var value))
            return CallValue(value, args, kwargs);
        if (frame.Unbound(callee) is { } unbound)
            throw unbound;
        if (_functions.ContainsKey(callee))
            return CallFunction(callee, args, kwargs);
        if (_classes.ContainsKey(callee))
            return NewUser(callee, args, kwargs);
        return CallBuiltin(callee, args, kwargs);
    }

    /// <summary>Calls a callable value: a scenario function, class, bound method or object with <c>__call__</c>.</summary>
    public object? CallValue(object? callable, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        switch (Traced.Unwrap(callable))
        {
            case UserFunction f:
                return CallFunction(f.Name, args, kwargs);
            case PyLambda l:
                return CallLambda(l, args, kwargs);
            case UserClass c:
                return NewUser(c.Name, args, kwargs);
            case BoundMethod m:
                return CallMethod(m.Self, m.ClassName, m.Method, args, kwargs);
            case PrimitiveMethod m:
                return CallMethod(m.Self, m.Method, args, kwargs);
            case ScenarioObject o when HasMethod(o.ClassName, "__call__"):
                return CallMethod(o, o.ClassName, "__call__", args, kwargs);
            case ScenarioProcess p when HasMethod(p.ClassName, "__call__"):
                return CallMethod(p, p.ClassName, "__call__", args, kwargs);
            case BuiltinFunction b:
                return CallBuiltin(b.Name, args, kwargs);
            case PyType type:
                throw new ScenarioViolation(type);
            default:
                throw PyErrors.TypeError($"'{PyOps.TypeName(callable)}' object is not callable");
        }
    }

    /// <summary>The str() of a user object: its <c>__str__</c>, else its repr.</summary>
    public string UserStr(ScenarioObject o) =>
        HasMethod(o.ClassName, "__str__") ? StrResult(CallMethod(o, o.ClassName, "__str__", [], NoKwargs), "__str__") : UserRepr(o);

    /// <summary>The repr() of a user object: its <c>__repr__</c>, else <c>&lt;__main__.Name object at 0x...&gt;</c>.</summary>
    public string UserRepr(ScenarioObject o) =>
        HasMethod(o.ClassName, "__repr__")
            ? StrResult(CallMethod(o, o.ClassName, "__repr__", [], NoKwargs), "__repr__")
            : $"<__main__.{o.ClassName} object at {ScenarioObject.Address(o)}>";

    private static string StrResult(object? value, string what) =>
        value as string ?? throw PyErrors.TypeError($"{what} returned non-string (type {PyOps.TypeName(value)})");
}

/// <summary>A built-in function used as a value (<c>{builtin: len}</c>): inert, it only calls the built-in.</summary>
public sealed record BuiltinFunction(string Name) : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => Interpreter.IsClassBuiltin(Name) ? $"<class '{Name}'>" : $"<built-in function {Name}>";

    /// <inheritdoc />
    public string PyTypeName => Interpreter.IsClassBuiltin(Name) ? "type" : "builtin_function_or_method";

    /// <inheritdoc />
    public bool PyEquals(object? other) => other is BuiltinFunction f && f.Name == Name;
}

/// <summary><c>type(e)</c> as passed to <c>__exit__</c>.</summary>
public sealed class ExceptionClass(Exception e) : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => PyErrors.ClassRepr(e);
}

/// <summary>The traceback passed to <c>__exit__</c>.</summary>
public sealed class TracebackObject : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => $"<traceback object at {ScenarioObject.Address(this)}>";
}
