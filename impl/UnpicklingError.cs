using System;

namespace Multiprocessing;

/// <summary>CPython's <c>pickle.UnpicklingError</c>: a CPython pickle from a peer that is corrupt or asks for more than plain data.</summary>
public class UnpicklingError : Exception
{
    /// <summary>Creates an UnpicklingError.</summary>
    public UnpicklingError(string message) : base(message) { }
}
