using System;
using System.Collections.Generic;
using Multiprocessing;

namespace Conformance.Backend.CSharp.Values;

/// <summary>
/// A scenario value a Pool runs in a worker (a function, a builtin, a callable object): impl pickles it by value and
/// calls it there. As a task (not the initializer) each call records <c>task_begin</c> and <c>task_end</c> in the
/// worker, naming the function, its arguments and CPython's task index of its chunk (the Python runner records the same).
/// </summary>
public sealed class PoolCallable : IPyCallable
{
    private readonly object? _function;
    private readonly bool _task;

    /// <summary>Wraps <paramref name="function"/>; <paramref name="task"/> records the task events.</summary>
    public PoolCallable(object? function, bool task)
    {
        _function = function;
        _task = task;
    }

    /// <inheritdoc />
    public object? Call(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var interpreter = Interpreter.Current;
        if (!_task)
            return interpreter.CallValue(_function, args, kwargs);
        var shown = new List<string>(args.Count + kwargs.Count);
        foreach (var a in args)
            shown.Add(PyRepr.Repr(a));
        foreach (var (k, v) in kwargs)
            shown.Add($"{k}={PyRepr.Repr(v)}");
        var fn = Name(_function);
        var chunk = (long)(Pool.CurrentChunk ?? 0);
        TraceLog.Emit("task_begin", ("fn", fn), ("args", shown), ("chunk", chunk));
        object? result;
        try
        {
            result = interpreter.CallValue(_function, args, kwargs);
        }
        catch (Exception e)
        {
            TraceLog.Emit("task_end", ("fn", fn), ("args", shown), ("chunk", chunk), ("error", PyErrors.Name(e)));
            throw;
        }
        TraceLog.Emit("task_end", ("fn", fn), ("args", shown), ("chunk", chunk));
        return result;
    }

    /// <summary>CPython's pickling error for a lambda (AttributeError for one defined in a function), as Process start reports it.</summary>
    public Exception? PicklingError() => _function is PyLambda lambda ? lambda.PicklingError() : null;

    /// <summary>The function's <c>__name__</c> (a callable object's class name).</summary>
    public static string Name(object? function) => function switch
    {
        UserFunction f => f.Name,
        PyLambda => "<lambda>",
        BuiltinFunction b => b.Name,
        BoundMethod m => m.Method,
        ScenarioObject o => o.ClassName,
        _ => PyOps.TypeName(function),
    };
}
