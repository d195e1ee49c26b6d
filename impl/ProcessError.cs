using System;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.ProcessError</c>, base of the package's own errors.</summary>
public class ProcessError : Exception
{
    /// <summary>Creates a ProcessError.</summary>
    public ProcessError(string message) : base(message) { }
}
