using System.IO;

namespace Multiprocessing;

/// <summary>CPython's <c>EOFError</c>: <see cref="Connection.Recv"/> found the other end closed before a message began.</summary>
public class EOFError : EndOfStreamException
{
    /// <summary>Creates an EOFError; CPython's connection raises it with an empty message.</summary>
    public EOFError(string message = "") : base(message) { }
}
