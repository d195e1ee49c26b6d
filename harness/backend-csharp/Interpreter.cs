using System;
using System.Collections.Generic;
using System.Linq;
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
        Pickler.Allow<PoolCallable>();
        Pickler.Allow<BuiltinFunction>();
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
        PrepareStartMethod(); // Interpreter.Shared.cs
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

    /// <summary>
    /// CPython's RecursionError where a scenario's calls would overflow this thread's stack: a stack overflow cannot be
    /// caught in .NET and would end the runner (and, in batch mode, the harness itself) instead of the scenario.
    /// </summary>
    private static void EnsureStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new PyException("RecursionError", "maximum recursion depth exceeded");
    }

    private object? CallBody(Dictionary<string, object?> spec, string pointer, object? self, IReadOnlyList<object?> args,
        IReadOnlyDictionary<string, object?> kwargs, string what)
    {
        EnsureStack();
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
}
