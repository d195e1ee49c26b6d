using System.IO;

namespace Multiprocessing;

/// <summary>CPython's <c>OSError</c>; the message is <c>[Errno N] text</c> like CPython's.</summary>
public class OSError : IOException
{
    /// <summary>Creates an OSError for an errno value.</summary>
    public OSError(int errno, string strerror) : base($"[Errno {errno}] {strerror}") => Errno = errno;

    /// <summary>The errno value (CPython's <c>OSError.errno</c>).</summary>
    public int Errno { get; }
}
