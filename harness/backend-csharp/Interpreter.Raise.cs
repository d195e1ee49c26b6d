using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>Raising and re-raising: <c>raise T(...)</c>, <c>raise $e</c>, <c>from</c>, and the exceptions being handled that a bare <c>raise</c> re-raises.</summary>
public sealed partial class Interpreter
{
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
}
