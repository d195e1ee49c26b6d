using System;
using System.Collections.Generic;
using System.Linq;

namespace Multiprocessing.Python;

/// <summary>Python names, class hierarchy, construction, str and repr of exceptions, over impl's exception classes.</summary>
public static class PyErrors
{
    /// <summary>
    /// CPython's <c>__bases__</c> of the exception classes this model names, by the names <see cref="Kind"/> gives them.
    /// The scenario language's table (harness/Language/language.json, held to CPython's __mro__ by a test) is a part of
    /// this one, and a test holds the two to agree; the rest are the classes impl or .NET can raise that the language
    /// does not list.
    /// </summary>
    private static readonly Dictionary<string, string[]> Bases = new(StringComparer.Ordinal)
    {
        ["BaseException"] = [],
        ["Exception"] = ["BaseException"],
        ["ValueError"] = ["Exception"],
        ["TypeError"] = ["Exception"],
        ["AssertionError"] = ["Exception"],
        ["AttributeError"] = ["Exception"],
        ["KeyError"] = ["LookupError"],
        ["IndexError"] = ["LookupError"],
        ["RuntimeError"] = ["Exception"],
        ["OSError"] = ["Exception"],
        ["NotImplementedError"] = ["RuntimeError"],
        ["Empty"] = ["Exception"],
        ["Full"] = ["Exception"],
        ["TimeoutError"] = ["OSError"],
        ["ProcessError"] = ["Exception"],
        ["multiprocessing.TimeoutError"] = ["ProcessError"],
        ["KeyboardInterrupt"] = ["BaseException"],
        ["SystemExit"] = ["BaseException"],
        ["StopIteration"] = ["Exception"],
        ["ArithmeticError"] = ["Exception"],
        ["ZeroDivisionError"] = ["ArithmeticError"],
        ["OverflowError"] = ["ArithmeticError"],
        ["LookupError"] = ["Exception"],
        ["NameError"] = ["Exception"],
        ["UnboundLocalError"] = ["NameError"],
        ["EOFError"] = ["Exception"],
        ["ConnectionError"] = ["OSError"],
        ["BrokenPipeError"] = ["ConnectionError"],
        ["RecursionError"] = ["RuntimeError"],
        ["BrokenBarrierError"] = ["RuntimeError"],
        ["AuthenticationError"] = ["ProcessError"],
        ["BufferTooShort"] = ["ProcessError"],
        ["PickleError"] = ["Exception"],
        ["PicklingError"] = ["PickleError"],
        ["UnpicklingError"] = ["PickleError"],
        ["MemoryError"] = ["Exception"],
        // What OSError(errno, strerror) becomes for these errnos (below); CPython's bases.
        ["BlockingIOError"] = ["OSError"],
        ["ChildProcessError"] = ["OSError"],
        ["FileExistsError"] = ["OSError"],
        ["FileNotFoundError"] = ["OSError"],
        ["IsADirectoryError"] = ["OSError"],
        ["NotADirectoryError"] = ["OSError"],
        ["InterruptedError"] = ["OSError"],
        ["PermissionError"] = ["OSError"],
        ["ProcessLookupError"] = ["OSError"],
        ["ConnectionAbortedError"] = ["ConnectionError"],
        ["ConnectionRefusedError"] = ["ConnectionError"],
        ["ConnectionResetError"] = ["ConnectionError"],
    };

    /// <summary>CPython's <c>T.__bases__</c> (by name) of each exception class this model knows.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Hierarchy { get; } =
        Bases.ToDictionary(b => b.Key, b => (IReadOnlyList<string>)b.Value, StringComparer.Ordinal);

    /// <summary>
    /// CPython's errno map (Linux): <c>OSError(errno, strerror, ...)</c> with one of these errnos constructs the subclass
    /// instead (<c>OSError(2, 'x')</c> is a FileNotFoundError).
    /// </summary>
    private static readonly Dictionary<long, string> ErrnoClasses = new()
    {
        [1] = "PermissionError", [13] = "PermissionError", [2] = "FileNotFoundError", [3] = "ProcessLookupError",
        [4] = "InterruptedError", [10] = "ChildProcessError", [11] = "BlockingIOError", [114] = "BlockingIOError",
        [115] = "BlockingIOError", [17] = "FileExistsError", [20] = "NotADirectoryError", [21] = "IsADirectoryError",
        [32] = "BrokenPipeError", [108] = "BrokenPipeError", [103] = "ConnectionAbortedError", [104] = "ConnectionResetError",
        [110] = "TimeoutError", [111] = "ConnectionRefusedError",
    };

    /// <summary>The language's name for <paramref name="e"/>'s class: <see cref="Name"/>, but <c>multiprocessing.TimeoutError</c> for impl's.</summary>
    public static string Kind(Exception e) => e is Multiprocessing.TimeoutError ? "multiprocessing.TimeoutError" : Name(e);

    /// <summary>Python's <c>type(e).__name__</c>.</summary>
    public static string Name(Exception e) => e switch
    {
        PyException p => p.PyType,
        UserSystemExit u => u.ClassName,
        _ when e.GetType().Namespace == "Multiprocessing" => e.GetType().Name,
        KeyNotFoundException => "KeyError",
        ArgumentOutOfRangeException or IndexOutOfRangeException => "IndexError",
        DivideByZeroException => "ZeroDivisionError",
        OverflowException => "OverflowError",
        InvalidCastException => "TypeError",
        NotImplementedException or NotSupportedException => "NotImplementedError",
        _ => e.GetType().Name,
    };

    /// <summary>Python <c>isinstance(e, T)</c> for the exception type (or user exception class) named <paramref name="type"/>.</summary>
    public static bool Matches(Exception e, string type)
    {
        if (e is ScenarioViolation)
            return false; // outside the language: no scenario handler may swallow it
        var kind = Kind(e);
        if (kind == type)
            return true;
        if (e is PyException { UserBase: { } userBase })
            kind = userBase; // a user exception class: its base's ancestors
        else if (e is UserSystemExit)
            kind = "SystemExit";
        return IsA(kind, type);
    }

    /// <summary>Whether the class named <paramref name="kind"/> is <paramref name="type"/> or derives from it.</summary>
    private static bool IsA(string kind, string type)
    {
        for (var pending = new Stack<string>([kind]); pending.Count > 0;)
        {
            var name = pending.Pop();
            if (name == type)
                return true;
            // A class no table lists (a .NET exception that escaped the mapping) is an Exception, as CPython's would be.
            foreach (var parent in Bases.TryGetValue(name, out var parents) ? parents : name == "BaseException" ? [] : ["Exception"])
                pending.Push(parent);
        }
        return false;
    }

    /// <summary><c>raise T(message)</c>: impl's exception class when it has one with a message, else a <see cref="PyException"/>.</summary>
    public static Exception Create(string type, string? message)
    {
        var text = message ?? "";
        return type switch
        {
            "ValueError" => new Multiprocessing.ValueError(text),
            "AssertionError" => new Multiprocessing.AssertionError(text),
            "RuntimeError" => new Multiprocessing.RuntimeError(text),
            "AttributeError" => new Multiprocessing.AttributeError(text),
            "ProcessError" => new Multiprocessing.ProcessError(text),
            "multiprocessing.TimeoutError" => new Multiprocessing.TimeoutError(text),
            "Empty" when message is null => new Multiprocessing.Empty(),
            "Full" when message is null => new Multiprocessing.Full(),
            "KeyError" when message is not null => PyException.KeyError(text),
            _ => new PyException(type, text),
        };
    }

    /// <summary>A TypeError.</summary>
    public static Exception TypeError(string message) => new PyException("TypeError", message);

    /// <summary>A KeyError for <paramref name="key"/> (its str is the key's repr, its repr and args hold the key itself).</summary>
    public static Exception KeyError(object? key) => WithArgument(new PyException("KeyError", PyRepr.Repr(key)), key);

    private const string ArgumentKey = "conformance.argument";
    private const string CauseKey = "conformance.cause";

    /// <summary>Records the single argument an exception was raised with when it is not its str (<c>ValueError(5)</c>, <c>KeyError('k')</c>).</summary>
    public static Exception WithArgument(Exception e, object? argument) => WithArgs(e, [argument]);

    /// <summary>Records the arguments an exception was made with (<c>e.args</c>; str and repr follow from them).</summary>
    private static Exception WithArgs(Exception e, IReadOnlyList<object?> args)
    {
        e.Data[ArgumentKey] = new Arguments(new PyTuple(args.ToArray()));
        return e;
    }

    /// <summary>Python <c>e.args</c>.</summary>
    public static PyTuple Args(Exception e) => e.Data[ArgumentKey] is Arguments a
        ? a.Values
        : e is PyException { Argument: { } text } ? new PyTuple(new object?[] { text })
        : e is Multiprocessing.SystemExit { Code: { } code } ? new PyTuple(new[] { code })
        : e.Message.Length == 0 ? new PyTuple(Array.Empty<object?>()) : new PyTuple(new object?[] { e.Message });

    /// <summary><c>raise T(value)</c> (<paramref name="hasValue"/>) or <c>raise T()</c>: str, repr and args as CPython's.</summary>
    public static Exception Raise(string type, bool hasValue, object? value) => Raise(type, hasValue ? [value] : []);

    /// <summary>
    /// <c>T(*args)</c>, for <c>raise</c> and <c>new</c>: str, repr and args as CPython's. <paramref name="userBase"/> makes an
    /// instance of the user exception class <paramref name="type"/> derived from that language type.
    /// </summary>
    public static Exception Raise(string type, IReadOnlyList<object?> args, string? userBase = null)
    {
        if (userBase is null && type == "OSError" && args.Count is >= 2 and <= 5 && ErrnoOf(args[0]) is { } errno && ErrnoClasses.TryGetValue(errno, out var subclass))
            type = subclass;
        var like = userBase ?? type;
        if (args.Count is >= 2 and <= 5 && IsA(like, "OSError"))
            return OSErrorOf(type, userBase, args);
        var e = like switch
        {
            "SystemExit" when userBase is not null => new UserSystemExit(type, ExitCodeObject(CodeOf(args))),
            _ when userBase is not null => new PyException(type, StrOfArgs(like, args)) { UserBase = userBase },
            "SystemExit" => new Multiprocessing.SystemExit(ExitCodeObject(CodeOf(args))),
            "KeyError" => new PyException("KeyError", StrOfArgs(like, args)),
            _ => Create(type, args.Count == 0 ? null : StrOfArgs(like, args)),
        };
        return WithArgs(e, args);
    }

    private static long? ErrnoOf(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        _ => null,
    };

    /// <summary>
    /// <c>OSError(errno, strerror[, filename[, winerror[, filename2]]])</c> and its subclasses: str <c>[Errno e] s</c>,
    /// then <c>: 'filename'</c> and <c>-&gt; 'filename2'</c> when given (not None); args is <c>(errno, strerror)</c> when a
    /// filename is given, else all the arguments.
    /// </summary>
    private static Exception OSErrorOf(string type, string? userBase, IReadOnlyList<object?> args)
    {
        var text = $"[Errno {PyRepr.Str(args[0])}] {PyRepr.Str(args[1])}";
        var filename = args.Count >= 3 ? args[2] : null;
        if (filename is not null)
        {
            text += ": " + PyRepr.Repr(filename);
            if (args.Count == 5 && args[4] is { } filename2)
                text += " -> " + PyRepr.Repr(filename2);
        }
        var e = new PyException(type, text) { UserBase = userBase };
        return WithArgs(e, filename is null ? args : [args[0], args[1]]);
    }

    /// <summary><c>sys.exit(code)</c>: SystemExit with CPython's args (none for a missing or None code, the items of a tuple).</summary>
    public static Exception SystemExit(IReadOnlyList<object?> args)
    {
        if (args.Count > 1)
            throw TypeError($"exit expected at most 1 argument, got {args.Count}");
        var code = args.Count == 0 ? null : args[0];
        return Raise("SystemExit", code switch
        {
            null => [],
            PyTuple t => t.Items,
            _ => [code],
        });
    }

    /// <summary>str(e) of an exception made with <paramref name="args"/>: "", str(arg) (KeyError: its repr), or str of the tuple.</summary>
    private static string StrOfArgs(string type, IReadOnlyList<object?> args) => args.Count switch
    {
        0 => "",
        1 => type == "KeyError" ? PyRepr.Repr(args[0]) : PyRepr.Str(args[0]),
        _ => PyRepr.Repr(new PyTuple(args.ToArray())),
    };

    /// <summary>SystemExit's <c>code</c>: None without args, the argument, or the tuple of several.</summary>
    private static object? CodeOf(IReadOnlyList<object?> args) => args.Count switch
    {
        0 => null,
        1 => args[0],
        _ => new PyTuple(args.ToArray()),
    };

    /// <summary>What impl's child bootstrap turns into an exit code as CPython does: null 0, an int (masked), a bool, else its str (printed, exit 1).</summary>
    private static object? ExitCodeObject(object? code) => code switch
    {
        null => null,
        bool b => b,
        long l => unchecked((int)l),
        int i => i,
        System.Numerics.BigInteger big => unchecked((int)(long)(big & long.MaxValue)),
        _ => PyRepr.Str(code),
    };

    /// <summary>SystemExit's <c>code</c> attribute (the Python value it was made with).</summary>
    public static object? Code(Exception e) => e.Data[ArgumentKey] is Arguments a ? CodeOf(a.Values.Items) : (e as Multiprocessing.SystemExit)?.Code;

    /// <summary><c>raise e from cause</c>: records <c>__cause__</c> (an exception, or None).</summary>
    public static void SetCause(Exception e, object? cause)
    {
        if (cause is not (null or Exception) || cause is ScenarioViolation)
            throw TypeError("exception causes must derive from BaseException");
        e.Data[CauseKey] = new Cause(cause as Exception);
    }

    /// <summary>Python <c>e.__cause__</c>.</summary>
    public static Exception? CauseOf(Exception e) => e.Data[CauseKey] is Cause c ? c.Value : null;

    private sealed record Arguments(PyTuple Values);

    private sealed record Cause(Exception? Value);

    /// <summary>An AttributeError for a missing attribute.</summary>
    public static Exception NoAttribute(object? value, string attr) =>
        new Multiprocessing.AttributeError($"'{PyOps.TypeName(value)}' object has no attribute '{attr}'");

    /// <summary>Python <c>str(e)</c>.</summary>
    public static string Str(Exception e) => e switch
    {
        Multiprocessing.SystemExit when e.Data[ArgumentKey] is Arguments a => StrOfArgs("SystemExit", a.Values.Items),
        _ => e.Message,
    };

    /// <summary>Python <c>repr(e)</c>, e.g. <c>ValueError('boom')</c>, <c>KeyError(1, 2)</c>.</summary>
    public static string Repr(Exception e) => e switch
    {
        _ when e.Data[ArgumentKey] is Arguments a => a.Values.Items.Count == 1
            ? $"{Name(e)}({PyRepr.Repr(a.Values.Items[0])})"
            : $"{Name(e)}{PyRepr.Repr(a.Values)}",
        Multiprocessing.OSError { HasErrno: true } os => $"{Name(e)}({os.Errno}, {PyRepr.Repr(StrError(os))})",
        PyException { Argument: { } argument } => $"{Name(e)}({PyRepr.Repr(argument)})",
        _ when e.Message.Length == 0 => $"{Name(e)}()",
        _ => $"{Name(e)}({PyRepr.Repr(e.Message)})",
    };

    private static string StrError(Multiprocessing.OSError e)
    {
        var prefix = $"[Errno {e.Errno}] ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }

    /// <summary>Python <c>repr(type(e))</c>, e.g. <c>&lt;class 'ValueError'&gt;</c>, <c>&lt;class '_queue.Empty'&gt;</c>.</summary>
    public static string ClassRepr(Exception e)
    {
        var name = Name(e);
        var qualified = e switch
        {
            PyException { UserBase: not null } or UserSystemExit => "__main__." + name,
            Multiprocessing.TimeoutError or Multiprocessing.ProcessError => "multiprocessing.context." + name,
            _ => name switch
            {
                "Empty" => "_queue.Empty",
                "Full" => "queue.Full",
                "ProcessError" or "AuthenticationError" or "BufferTooShort" => "multiprocessing.context." + name,
                "PicklingError" => "_pickle.PicklingError",
                _ => name,
            },
        };
        return $"<class '{qualified}'>";
    }
}
