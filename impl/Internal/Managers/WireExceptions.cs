using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// Exceptions on a manager's wire: the global CPython pickles each as (<c>builtins.KeyError</c>, <c>_queue.Empty</c>,
/// <c>multiprocessing.managers.RemoteError</c>, ...), its args, and the one class the reader may construct for a
/// global: the language's built-in exception classes and those three modules' few, nothing else.
/// </summary>
internal static class WireExceptions
{
    private static readonly HashSet<string> NotBuiltins = new(StringComparer.Ordinal)
    {
        "Empty", "Full", "multiprocessing.TimeoutError", "ProcessError", "AuthenticationError", "BufferTooShort",
        "PickleError", "PicklingError", "UnpicklingError", "BrokenBarrierError",
    };

    /// <summary>The builtins whose class the reader constructs: the exception classes of the value model that live in <c>builtins</c>.</summary>
    public static bool IsBuiltinException(string name) => PyErrors.Hierarchy.ContainsKey(name) && !NotBuiltins.Contains(name);

    public static (string Module, string Name) GlobalOf(Exception e)
    {
        if (e is RemoteError) return ("multiprocessing.managers", "RemoteError");
        var name = PyErrors.Kind(e);
        return name switch
        {
            "Empty" => ("_queue", "Empty"),
            "Full" => ("queue", "Full"),
            "BrokenBarrierError" => ("threading", "BrokenBarrierError"),
            "multiprocessing.TimeoutError" => ("multiprocessing.context", "TimeoutError"),
            "ProcessError" or "AuthenticationError" or "BufferTooShort" => ("multiprocessing.context", name),
            "PickleError" or "PicklingError" or "UnpicklingError" => ("_pickle", name),
            _ when IsBuiltinException(name) => ("builtins", name),
            // A class CPython lacks (a user exception of a scenario, a .NET one): its nearest built-in ancestor.
            _ => ("builtins", NearestBuiltin(e)),
        };
    }

    public static object?[] ArgsOf(Exception e) =>
        e is RemoteError r ? [r.RemoteTraceback] : PyErrors.Args(e).Items.ToArray();

    private static string NearestBuiltin(Exception e)
    {
        foreach (var candidate in new[] { "KeyError", "IndexError", "ValueError", "TypeError", "AttributeError", "RuntimeError", "OSError" })
        {
            if (PyErrors.Matches(e, candidate)) return candidate;
        }
        return "Exception";
    }

    /// <summary>The exception for a REDUCE of an allowed exception global, or null when the global is not one.</summary>
    public static Exception? Construct(string module, string name, IReadOnlyList<object?> args)
    {
        switch (module, name)
        {
            case ("multiprocessing.managers", "RemoteError"):
                return new RemoteError(args.Count > 0 ? PyRepr.Str(args[0]) : "");
            case ("_queue", "Empty") or ("queue", "Empty"):
                return PyErrors.Raise("Empty", args);
            case ("queue", "Full"):
                return PyErrors.Raise("Full", args);
            case ("threading", "BrokenBarrierError"):
                return new BrokenBarrierError();
            case ("multiprocessing.context", "TimeoutError"):
                return PyErrors.Raise("multiprocessing.TimeoutError", args);
            case ("multiprocessing.context", "ProcessError" or "AuthenticationError" or "BufferTooShort"):
                return PyErrors.Raise(name, args);
            case ("builtins" or "exceptions", _) when IsBuiltinException(name):
                return PyErrors.Raise(name, args);
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="module"/>.<paramref name="name"/> is an exception class <see cref="Construct"/> builds.</summary>
    public static bool IsAllowed(string module, string name) => module switch
    {
        "multiprocessing.managers" => name == "RemoteError",
        "_queue" => name == "Empty",
        "queue" => name is "Empty" or "Full",
        "threading" => name == "BrokenBarrierError",
        "multiprocessing.context" => name is "TimeoutError" or "ProcessError" or "AuthenticationError" or "BufferTooShort",
        "builtins" => IsBuiltinException(name),
        _ => false,
    };
}
