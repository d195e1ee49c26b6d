using System;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.managers.RemoteError</c>: a manager's server failed in a way that is not the called
/// method's own exception (<c>#TRACEBACK</c>, <c>#UNSERIALIZABLE</c>); <see cref="Exception.Message"/> is CPython's
/// str, the remote traceback between two lines of 75 dashes.
/// </summary>
public sealed class RemoteError : Exception
{
    /// <summary>Creates the error for the remote traceback text <paramref name="remoteTraceback"/>.</summary>
    public RemoteError(string remoteTraceback) : base("\n" + new string('-', 75) + "\n" + remoteTraceback + new string('-', 75)) =>
        RemoteTraceback = remoteTraceback;

    /// <summary>The server's traceback text (CPython's <c>args[0]</c>).</summary>
    public string RemoteTraceback { get; }
}
