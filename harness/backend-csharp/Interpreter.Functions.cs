using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;
using Process = Multiprocessing.Process;

namespace Conformance.Backend.CSharp;

/// <summary>
/// Module variables (<c>globals</c>, <c>global</c>), target lists, defaults, lambdas and generator functions,
/// mirroring harness/python/conformance_runner.py (bind_arguments, assign_target, unpack, make_lambda, generator_body).
/// </summary>
public sealed partial class Interpreter
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>> _defaults = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<Dictionary<string, object?>, object> _generatorSpecs = new();
    private readonly List<PyGenerator> _generators = new();

    /// <summary>A variable: the body's own, then (for a lambda or comprehension) the bodies it closes over, then the module's.</summary>
    private bool TryVariable(string name, Frame frame, out object? value)
    {
        for (var f = frame; f is not null; f = f.Enclosing)
        {
            if (f.Vars.TryGetValue(name, out value))
                return true;
        }
        if (frame.Unbound(name) is { } unbound)
            throw unbound; // a local (or an enclosing function's) never falls back to a module variable of that name
        return _module.Vars.TryGetValue(name, out value);
    }

    /// <summary><c>name = value</c> in a body: the module's variable for a name the body declared <c>global</c>.</summary>
    private void Assign(Frame frame, string name, object? value)
    {
        if (frame.Declared.Contains(name))
            _module.Vars[name] = value;
        else
            frame.Vars[name] = value;
    }

    /// <summary>Assigns to a name or a target list (<c>[a, [b, c]]</c>: unpacked, as <c>a, (b, c) = value</c>).</summary>
    private void AssignTarget(Frame frame, object? target, object? value, bool label = false)
    {
        if (target is List<object?> targets)
        {
            var items = Unpack(value, targets.Count);
            for (var i = 0; i < targets.Count; i++)
                AssignTarget(frame, targets[i], items[i], label);
        }
        else
        {
            // With label (a set step), a traced object takes the first name it is bound to, as set: x gives it.
            if (label && value is Traced t && t.Label is null)
                t.Label = (string)target!;
            Assign(frame, (string)target!, value);
        }
    }

    /// <summary>The <paramref name="n"/> items of <paramref name="value"/> for a target list, with CPython's errors (it takes at most n + 1 items).</summary>
    public List<object?> Unpack(object? value, int n)
    {
        IEnumerable<object?> items;
        try
        {
            items = PyOps.Iterate(value, this);
        }
        catch (PyException e) when (PyErrors.Name(e) == "TypeError")
        {
            throw PyErrors.TypeError($"cannot unpack non-iterable {PyOps.TypeName(Traced.Unwrap(value))} object");
        }
        var result = new List<object?>(n);
        foreach (var item in items)
        {
            if (result.Count == n)
                throw new ValueError($"too many values to unpack (expected {n})");
            result.Add(item);
        }
        if (result.Count < n)
            throw new ValueError($"not enough values to unpack (expected {n}, got {result.Count})");
        return result;
    }

    /// <summary>A function's defaults, evaluated once per process (as Python evaluates them once, at definition).</summary>
    private IReadOnlyDictionary<string, object?> Defaults(Dictionary<string, object?> spec, string pointer)
    {
        if (spec.GetValueOrDefault("defaults") is not Dictionary<string, object?> defaults || defaults.Count == 0)
            return NoKwargs;
        lock (_defaults)
        {
            if (_defaults.TryGetValue(pointer, out var known))
                return known;
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in defaults)
                values[name] = Eval(value, new Frame());
            _defaults[pointer] = values;
            return values;
        }
    }

    private static IReadOnlySet<string> GlobalNames(Dictionary<string, object?> spec) =>
        spec.GetValueOrDefault("global") is List<object?> names ? names.Cast<string>().ToHashSet(StringComparer.Ordinal) : NoNames;

    /// <summary>Whether a function's body has a yield step (in itself or a nested body; a lambda is a value, not a body).</summary>
    private bool IsGenerator(Dictionary<string, object?> spec)
    {
        lock (_generatorSpecs)
        {
            if (!_generatorSpecs.TryGetValue(spec, out var known))
            {
                known = AsList(spec.GetValueOrDefault("steps")).Any(Yields);
                _generatorSpecs.Add(spec, known);
            }
            return (bool)known;
        }
    }

    private static readonly string[] BodyKeys = ["then", "else", "do", "try", "finally"];

    private static bool Yields(object? step)
    {
        if (step is not Dictionary<string, object?> s)
            return false;
        if (s.ContainsKey("yield"))
            return true;
        if (BodyKeys.Any(k => s.GetValueOrDefault(k) is List<object?> body && body.Any(Yields)))
            return true;
        return s.GetValueOrDefault("except") is List<object?> handlers
            && handlers.Any(h => h is Dictionary<string, object?> handler && AsList(handler.GetValueOrDefault("do")).Any(Yields));
    }

    /// <summary>The generator a call of a generator function returns: its body runs lazily, on the generator's own thread.</summary>
    private PyGenerator NewGenerator(Dictionary<string, object?> spec, string pointer, Frame frame, string what)
    {
        var generator = new PyGenerator(what, self =>
        {
            frame.Generator = self;
            ExecSteps(AsList(spec.GetValueOrDefault("steps")), $"{pointer}/steps", frame); // a return ends it
        });
        lock (_generators)
        {
            if (_generators.Count >= 1024)
                _generators.RemoveAll(g => g.Finished); // exhausted ones need no closing: keep the list short
            _generators.Add(generator);
        }
        return generator;
    }

    /// <summary>Runs <paramref name="generator"/> to its next yield; false once it is exhausted. The caller's step pointer is kept.</summary>
    internal bool Resume(PyGenerator generator, out object? value)
    {
        var saved = Pointer;
        try
        {
            return generator.TryNext(out value);
        }
        finally
        {
            Pointer = saved;
        }
    }

    /// <summary>Closes every generator still suspended (GeneratorExit at its yield, as CPython's close) and joins its thread.</summary>
    public void CloseGenerators()
    {
        while (true)
        {
            PyGenerator[] open;
            lock (_generators)
            {
                open = _generators.ToArray();
                _generators.Clear();
            }
            if (open.Length == 0)
                return;
            foreach (var g in open)
            {
                var saved = Pointer;
                g.Close();
                Pointer = saved;
            }
        }
    }

    /// <summary>What spawn pickles to start each process: its target, args and kwargs (a lambda among them cannot be).</summary>
    private static readonly ConditionalWeakTable<Process, object?[]> SpawnPayloads = new();

    private static void RecordSpawnPayload(Process p, params object?[] payload) => SpawnPayloads.AddOrUpdate(p, payload);

    /// <summary>
    /// CPython's error for a lambda or generator that start() would have to pickle (impl's Pickler would refuse it
    /// with its own text): PicklingError for a module-level lambda, AttributeError for a local one (its qualname has
    /// &lt;locals&gt;), TypeError for a generator.
    /// </summary>
    private static void RefuseUnpicklable(Process p)
    {
        var payload = new List<object?>();
        if (SpawnPayloads.TryGetValue(p, out var recorded))
            payload.AddRange(recorded);
        if (p is ScenarioProcess sp)
            payload.AddRange(sp.Fields.Values);
        RefuseUnpicklable(payload);
    }

    /// <summary>
    /// CPython's pickling error for the first lambda or generator among <paramref name="payload"/> (anything that
    /// pickles synchronously: start(), SimpleQueue.put); impl's Pickler would refuse it with its own text.
    /// </summary>
    private static void RefuseUnpicklable(IEnumerable<object?> payload)
    {
        var found = FirstUnpicklable(payload, new HashSet<object>(ReferenceEqualityComparer.Instance));
        if (found is PyGenerator)
            throw PyErrors.TypeError("cannot pickle 'generator' object");
        if (found is PyLambda lambda)
            throw lambda.PicklingError();
    }

    private static IPyObject? FirstUnpicklable(IEnumerable<object?> values, HashSet<object> seen)
    {
        foreach (var value in values)
        {
            if (value is null || !seen.Add(value))
                continue;
            var found = Traced.Unwrap(value) switch
            {
                PyLambda l => l,
                PyGenerator g => g,
                List<object?> list => FirstUnpicklable(list, seen),
                object?[] array => FirstUnpicklable(array, seen),
                PyTuple t => FirstUnpicklable(t.Items, seen),
                PyDict d => FirstUnpicklable(d.Keys.Concat(d.Values), seen),
                ScenarioObject o => FirstUnpicklable(o.Fields.Values, seen),
                _ => null,
            };
            if (found is not null)
                return found;
        }
        return null;
    }

    /// <summary>Calls a lambda: its parameters bound as a def's, its value evaluated in a frame that closes over the defining one.</summary>
    private object? CallLambda(PyLambda lambda, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        EnsureStack();
        var values = BindParams(lambda.Parameters, NoKwargs, args, kwargs, lambda.Qualname);
        var frame = new Frame { Qualname = lambda.Qualname, Enclosing = (Frame)lambda.Closure };
        for (var i = 0; i < values.Count; i++)
            frame.Vars[lambda.Parameters[i]] = values[i];
        return Eval(lambda.Body, frame);
    }
}
