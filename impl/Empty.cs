using System;

namespace Multiprocessing;

/// <summary>CPython's <c>queue.Empty</c>, raised by Queue.get with an empty message.</summary>
public class Empty : Exception
{
    /// <summary>Creates an Empty error; its message is '' like CPython's.</summary>
    public Empty() : base("") { }
}
