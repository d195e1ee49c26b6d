using System;

namespace Multiprocessing;

/// <summary>CPython's <c>AssertionError</c> (raised by multiprocessing's asserts and C-level ownership checks).</summary>
public class AssertionError : Exception
{
    /// <summary>Creates an AssertionError with CPython's message text.</summary>
    public AssertionError(string message) : base(message) { }
}
