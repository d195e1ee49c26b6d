using System;

namespace Multiprocessing;

/// <summary>CPython's <c>pickle.PicklingError</c>: a value that cannot be sent to another process.</summary>
public class PicklingError : Exception
{
    /// <summary>Creates a PicklingError.</summary>
    public PicklingError(string message) : base(message) { }
}
