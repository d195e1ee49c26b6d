using System;

namespace Multiprocessing.Python;

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

    /// <summary>For an instance of a user exception class (<see cref="PyType"/> is its name): the language exception type it derives from.</summary>
    public string? UserBase { get; init; }

    /// <summary><c>KeyError(argument)</c>: <c>str()</c> is <c>repr(argument)</c>, as in CPython.</summary>
    public static PyException KeyError(string argument) => new("KeyError", PyRepr.Repr(argument), argument);
}
