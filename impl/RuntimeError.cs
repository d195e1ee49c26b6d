using System;

namespace Multiprocessing;

/// <summary>CPython's <c>RuntimeError</c>, e.g. 'Lock objects should only be shared between processes through inheritance'.</summary>
public class RuntimeError : InvalidOperationException
{
    /// <summary>Creates a RuntimeError with CPython's message text.</summary>
    public RuntimeError(string message) : base(message) { }
}
