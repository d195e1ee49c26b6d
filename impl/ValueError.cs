using System;

namespace Multiprocessing;

/// <summary>CPython's <c>ValueError</c>; <see cref="Exception.Message"/> is CPython's exact text.</summary>
public class ValueError : ArgumentException
{
    /// <summary>Creates a ValueError with CPython's message text.</summary>
    public ValueError(string message) : base(message) { }
}
