using System;
using System.Collections.Generic;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;
using Process = Multiprocessing.Process;

namespace Conformance.Backend.CSharp;

/// <summary>
/// An instance of a scenario class with <c>base: Process</c> (tutorial §2's <c>Consumer</c>): named
/// <c>&lt;ClassName&gt;-N</c>, its fields travel to the child with it, and <see cref="Run"/> interprets the class's
/// <c>run</c> method (with <c>begin</c>/<c>end</c>/<c>crash</c> around it when it is the started child's body).
/// </summary>
public sealed class ScenarioProcess : Process, IPyObject
{
    private readonly string _scenarioClass;
    private readonly Dictionary<string, object?> _fields;

    /// <summary>Creates an instance of <paramref name="className"/>; <c>Process.__init__(self)</c> runs first, as in the Python runner.</summary>
    public ScenarioProcess(string className, Dictionary<string, object?> fields) : base(className)
    {
        _scenarioClass = className;
        _fields = fields;
    }

    /// <summary>The scenario class name.</summary>
    public string ClassName => _scenarioClass;

    /// <summary>The instance's own attributes (the class's <c>fields</c> and any <c>set: self.x</c>).</summary>
    public Dictionary<string, object?> Fields => _fields;

    /// <inheritdoc />
    public override void Run()
    {
        var interpreter = Interpreter.Current;
        if (!interpreter.HasMethod(_scenarioClass, "run"))
        {
            base.Run();
            return;
        }
        if (ReferenceEquals(Mp.CurrentProcess(), this))
            ScenarioTargets.AsProcessBody(() => interpreter.CallMethod(this, _scenarioClass, "run", [], new Dictionary<string, object?>()));
        else
            interpreter.CallMethod(this, _scenarioClass, "run", [], new Dictionary<string, object?>());
    }

    /// <inheritdoc />
    public string PyStr() => Interpreter.Current.HasMethod(_scenarioClass, "__str__")
        ? Interpreter.Current.CallMethod(this, _scenarioClass, "__str__", [], new Dictionary<string, object?>()) as string ?? ""
        : PyRepr();

    /// <inheritdoc />
    public string PyRepr() => Interpreter.Current.HasMethod(_scenarioClass, "__repr__")
        ? Interpreter.Current.CallMethod(this, _scenarioClass, "__repr__", [], new Dictionary<string, object?>()) as string ?? ""
        : ToString();

    /// <inheritdoc />
    public string PyTypeName => ClassName;

    /// <inheritdoc />
    public string PyTypeModule => "__main__";
}

/// <summary>The static entry points impl's Process runs in a child (targets must be static methods).</summary>
public static class ScenarioTargets
{
    /// <summary>A <c>Process(target=function)</c>'s body: interprets the scenario function in the child.</summary>
    public static void RunFunction(string function, object?[] args, PyDict? kwargs) =>
        AsProcessBody(() => Interpreter.Current.CallFunction(function, args, Kwargs(kwargs)));

    /// <summary>A <c>Process(target=callable)</c>'s body for callables other than functions (user objects with <c>__call__</c>).</summary>
    public static void RunCallable(object? callable, object?[] args, PyDict? kwargs) =>
        AsProcessBody(() => Interpreter.Current.CallValue(callable, args, Kwargs(kwargs)));

    private static Dictionary<string, object?> Kwargs(PyDict? kwargs)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (kwargs is not null)
        {
            for (var i = 0; i < kwargs.Count; i++)
                result[(string)kwargs.Keys[i]!] = kwargs.Values[i];
        }
        return result;
    }

    /// <summary>Runs a child's target or run with <c>begin</c>, then <c>end</c> or <c>crash</c> (and re-throws, so impl prints
    /// <c>Process name:</c> and the traceback and the child exits 1).</summary>
    public static void AsProcessBody(Action body)
    {
        Interpreter.RegisterPicklables();
        TraceLog.Emit("begin");
        try
        {
            body();
        }
        catch (Exception e)
        {
            TraceLog.Emit("crash", ("error", PyErrors.Name(e)), ("message", PyErrors.Str(e)));
            throw;
        }
        finally
        {
            Interpreter.CurrentOrNull?.CloseGenerators(); // the child's interpreter ends here: no generator thread outlives it
        }
        TraceLog.Emit("end");
    }
}
