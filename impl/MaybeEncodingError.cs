using System;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.pool.MaybeEncodingError</c>: a task's result (or exception) that could not be
/// pickled back to the caller. <c>str</c>: <c>Error sending result: '&lt;repr(value)&gt;'. Reason: '&lt;repr(exc)&gt;'</c>.
/// </summary>
public sealed class MaybeEncodingError : Exception
{
    /// <summary>Wraps the repr of the pickling error <paramref name="exc"/> and of the <paramref name="value"/> that failed.</summary>
    public MaybeEncodingError(string exc, string value) : base($"Error sending result: '{value}'. Reason: '{exc}'")
    {
        Exc = exc;
        Value = value;
    }

    /// <summary>CPython's <c>exc</c>: repr of the pickling error.</summary>
    public string Exc { get; }

    /// <summary>CPython's <c>value</c>: repr of the value that could not be sent.</summary>
    public string Value { get; }
}
