using System;

namespace Multiprocessing;

/// <summary>CPython's <c>queue.Full</c>, raised by Queue.put with an empty message.</summary>
public class Full : Exception
{
    /// <summary>Creates a Full error; its message is '' like CPython's.</summary>
    public Full() : base("") { }
}
