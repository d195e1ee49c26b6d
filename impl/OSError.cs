using System.IO;

namespace Multiprocessing;

/// <summary>CPython's <c>OSError</c>; the message is <c>[Errno N] text</c> like CPython's.</summary>
public class OSError : IOException
{
    /// <summary>Creates an OSError for an errno value.</summary>
    public OSError(int errno, string strerror) : base($"[Errno {errno}] {strerror}")
    {
        Errno = errno;
        HasErrno = true;
    }

    /// <summary>Creates an OSError with only a message, like CPython's <c>OSError("handle is closed")</c> (errno None).</summary>
    public OSError(string message) : base(message) { }

    /// <summary>The errno value (CPython's <c>OSError.errno</c>); 0 when <see cref="HasErrno"/> is false.</summary>
    public int Errno { get; }

    /// <summary>False for a message-only OSError, whose CPython <c>errno</c> is None.</summary>
    public bool HasErrno { get; }
}
