using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>Steps (conformance_runner.py's <c>_exec</c>, <c>exec_with</c>, <c>exec_try</c>, <c>exec_del</c>): what each step kind does, in Python's order.</summary>
public sealed partial class Interpreter
{
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
            AssignTarget(frame, targets, Eval(s["to"], frame), label: true);
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
            if (container is Traced { Obj: SharedArray } ta)
                TracedShared(ta, "__setitem__", key, value); // Interpreter.Shared.cs
            else if (!TryProxyItem(container, "__setitem__", [key, value], out _))
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
            SleepLedger.Slept(d);
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
            var attrName = attr as string ?? throw new ScenarioViolation("attribute", PyRepr.Repr(attr));
            if (obj is Traced { Obj: NamespaceProxy } ns)
            {
                Policy.CheckAttribute(attrName, write: true);
                TracedCall(ns, "__delattr__", [attrName], NoKwargs);
                return;
            }
            DelAttr(obj, attrName);
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
        var index = Eval(t["index"], frame);
        if (!TryProxyItem(of, "__delitem__", [index], out _))
            PySlice.DeleteItem(of, index);
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
}
