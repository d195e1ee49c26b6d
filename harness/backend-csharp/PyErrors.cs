using System;
using System.Collections.Generic;
using Conformance.Backend.CSharp.Values;
using Mp = Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>A Python exception impl has no class for (TypeError, KeyError, ...), or one raised with a custom message.</summary>
public sealed class PyException : Exception
{
    /// <summary>Creates a Python <paramref name="pyType"/> exception whose <c>str()</c> is <paramref name="message"/>.</summary>
    public PyException(string pyType, string message) : base(message) => PyType = pyType;

    private PyException(string pyType, string message, string argument) : base(message)
    {
        PyType = pyType;
        Argument = argument;
    }

    /// <summary>The Python class name.</summary>
    public string PyType { get; }

    /// <summary>The single string argument when it differs from <c>str()</c> (a KeyError's str is the repr of its key).</summary>
    public string? Argument { get; }

    /// <summary><c>KeyError(argument)</c>: <c>str()</c> is <c>repr(argument)</c>, as in CPython.</summary>
    public static PyException KeyError(string argument) => new("KeyError", PyRepr.Repr(argument), argument);
}

/// <summary>Python names, class hierarchy, construction, str and repr of exceptions, over impl's exception classes.</summary>
public static class PyErrors
{
    /// <summary>The exception types scenarios may name in <c>except</c> and <c>raise</c>.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>
    {
        "Exception", "ValueError", "TypeError", "AssertionError", "AttributeError", "KeyError", "IndexError",
        "RuntimeError", "OSError", "NotImplementedError", "Empty", "Full", "TimeoutError", "ProcessError", "StopIteration",
    };

    private static readonly Dictionary<string, string[]> Bases = new()
    {
        ["KeyError"] = ["LookupError"],
        ["IndexError"] = ["LookupError"],
        ["NotImplementedError"] = ["RuntimeError"],
        ["RecursionError"] = ["RuntimeError"],
        ["TimeoutError"] = ["ProcessError"], // multiprocessing.TimeoutError
        ["AuthenticationError"] = ["ProcessError"],
        ["BufferTooShort"] = ["ProcessError"],
        ["PicklingError"] = ["PickleError"],
        ["UnpicklingError"] = ["PickleError"],
        ["ZeroDivisionError"] = ["ArithmeticError"],
        ["OverflowError"] = ["ArithmeticError"],
        ["FileNotFoundError"] = ["OSError"],
        ["BrokenPipeError"] = ["ConnectionError", "OSError"],
        ["ConnectionError"] = ["OSError"],
    };

    /// <summary>Python's <c>type(e).__name__</c>.</summary>
    public static string Name(Exception e) => e switch
    {
        PyException p => p.PyType,
        _ when e.GetType().Namespace == "Multiprocessing" => e.GetType().Name,
        KeyNotFoundException => "KeyError",
        ArgumentOutOfRangeException or IndexOutOfRangeException => "IndexError",
        DivideByZeroException => "ZeroDivisionError",
        OverflowException => "OverflowError",
        InvalidCastException => "TypeError",
        NotImplementedException or NotSupportedException => "NotImplementedError",
        _ => e.GetType().Name,
    };

    /// <summary>Python <c>isinstance(e, T)</c> for the exception type named <paramref name="type"/>.</summary>
    public static bool Matches(Exception e, string type)
    {
        if (e is ScenarioViolation)
            return false; // outside the language: no scenario handler may swallow it
        var name = Name(e);
        if (name == type)
            return true;
        if (name is "SystemExit" or "KeyboardInterrupt" or "GeneratorExit")
            return type == "BaseException";
        if (type is "Exception" or "BaseException")
            return true;
        var pending = new Stack<string>();
        pending.Push(name);
        while (pending.Count > 0)
        {
            if (!Bases.TryGetValue(pending.Pop(), out var parents))
                continue;
            foreach (var p in parents)
            {
                if (p == type)
                    return true;
                pending.Push(p);
            }
        }
        return false;
    }

    /// <summary><c>raise T(message)</c>: impl's exception class when it has one with a message, else a <see cref="PyException"/>.</summary>
    public static Exception Create(string type, string? message)
    {
        var text = message ?? "";
        return type switch
        {
            "ValueError" => new Mp.ValueError(text),
            "AssertionError" => new Mp.AssertionError(text),
            "RuntimeError" => new Mp.RuntimeError(text),
            "AttributeError" => new Mp.AttributeError(text),
            "ProcessError" => new Mp.ProcessError(text),
            "TimeoutError" => new Mp.TimeoutError(text),
            "Empty" when message is null => new Mp.Empty(),
            "Full" when message is null => new Mp.Full(),
            "KeyError" when message is not null => PyException.KeyError(text),
            _ => new PyException(type, text),
        };
    }

    /// <summary>A TypeError.</summary>
    public static Exception TypeError(string message) => new PyException("TypeError", message);

    /// <summary>A KeyError for <paramref name="key"/> (its str is the key's repr, its repr and args hold the key itself).</summary>
    public static Exception KeyError(object? key) => WithArgument(new PyException("KeyError", PyRepr.Repr(key)), key);

    private const string ArgumentKey = "conformance.argument";

    /// <summary>Records the single argument an exception was raised with when it is not its str (<c>ValueError(5)</c>, <c>KeyError('k')</c>).</summary>
    public static Exception WithArgument(Exception e, object? argument)
    {
        e.Data[ArgumentKey] = new Argument(argument);
        return e;
    }

    /// <summary>Python <c>e.args</c>.</summary>
    public static PyTuple Args(Exception e) => e.Data[ArgumentKey] is Argument a
        ? new PyTuple(new[] { a.Value })
        : e is PyException { Argument: { } text } ? new PyTuple(new object?[] { text })
        : e.Message.Length == 0 ? new PyTuple(Array.Empty<object?>()) : new PyTuple(new object?[] { e.Message });

    /// <summary><c>raise T(value)</c> (<paramref name="hasValue"/>) or <c>raise T()</c>: str, repr and args as CPython's.</summary>
    public static Exception Raise(string type, bool hasValue, object? value)
    {
        if (!hasValue)
            return Create(type, null);
        var e = Create(type, type == "KeyError" ? PyRepr.Repr(value) : PyRepr.Str(value));
        if (e is PyException { Argument: not null } && type == "KeyError")
            e = new PyException("KeyError", PyRepr.Repr(value));
        return WithArgument(e, value);
    }

    private sealed record Argument(object? Value);

    /// <summary>An AttributeError for a missing attribute.</summary>
    public static Exception NoAttribute(object? value, string attr) =>
        new Mp.AttributeError($"'{PyOps.TypeName(value)}' object has no attribute '{attr}'");

    /// <summary>Python <c>str(e)</c>.</summary>
    public static string Str(Exception e) => e.Message;

    /// <summary>Python <c>repr(e)</c>, e.g. <c>ValueError('boom')</c>.</summary>
    public static string Repr(Exception e) => e switch
    {
        _ when e.Data[ArgumentKey] is Argument a => $"{Name(e)}({PyRepr.Repr(a.Value)})",
        Mp.OSError os => $"{Name(e)}({os.Errno}, {PyRepr.Repr(StrError(os))})",
        PyException { Argument: { } argument } => $"{Name(e)}({PyRepr.Repr(argument)})",
        _ when e.Message.Length == 0 => $"{Name(e)}()",
        _ => $"{Name(e)}({PyRepr.Repr(e.Message)})",
    };

    private static string StrError(Mp.OSError e)
    {
        var prefix = $"[Errno {e.Errno}] ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }

    /// <summary>Python <c>repr(type(e))</c>, e.g. <c>&lt;class 'ValueError'&gt;</c>, <c>&lt;class '_queue.Empty'&gt;</c>.</summary>
    public static string ClassRepr(Exception e)
    {
        var name = Name(e);
        var qualified = name switch
        {
            "Empty" => "_queue.Empty",
            "Full" => "queue.Full",
            "ProcessError" or "TimeoutError" or "AuthenticationError" or "BufferTooShort" => "multiprocessing.context." + name,
            "PicklingError" => "_pickle.PicklingError",
            _ => name,
        };
        return $"<class '{qualified}'>";
    }
}
