using System;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.BufferTooShort</c>: <see cref="Connection.RecvBytesInto"/> got a message larger than the buffer.</summary>
public class BufferTooShort : ProcessError
{
    /// <summary>Creates a BufferTooShort carrying the whole message (CPython's <c>e.args[0]</c>); the text is its bytes repr.</summary>
    public BufferTooShort(byte[] message) : base(Internal.PyBytes.Repr(message)) => Value = message;

    /// <summary>The complete message that did not fit (CPython's <c>e.args[0]</c>).</summary>
    public byte[] Value { get; }
}
