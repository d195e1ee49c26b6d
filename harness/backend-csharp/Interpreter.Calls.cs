using System;
using System.Collections.Generic;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>Calls of functions, built-ins, callable objects and methods, and the user classes' <c>__str__</c>/<c>__repr__</c>.</summary>
public sealed partial class Interpreter
{
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
            case GenericAliasView alias:
                throw new ScenarioViolation("calling a generic alias", alias.Repr);
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
