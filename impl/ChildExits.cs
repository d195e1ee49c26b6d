using System;

namespace Multiprocessing;

/// <summary>
/// An observation point on the signals a process sends to its children and on the exit codes it reaps (CPython's
/// <c>Popen._send_signal</c> and <c>Popen.poll</c>): who killed whom, and how each child ended.
/// </summary>
/// <remarks>
/// Raised synchronously in the parent, on the thread that sent or reaped: <see cref="Signalling"/> right before
/// <c>kill(2)</c> (terminate, kill, daemons at exit), <see cref="Reaped"/> once per child, right after the
/// <c>waitpid(2)</c> that set its <see cref="Process.ExitCode"/> (join, is_alive, exitcode, the exit handler). Like
/// <see cref="NamedResources"/>, subscriptions are per process: a spawned child starts with none.
/// </remarks>
public static class ChildExits
{
    /// <summary>Raised before this process sends a signal to a child it has not reaped yet: (child, signal number).</summary>
    public static event Action<Process, int>? Signalling;

    /// <summary>Raised when this process reaped a child: (child, exit code: 0, 1, or -N when killed by signal N).</summary>
    public static event Action<Process, int>? Reaped;

    internal static void OnSignalling(Process child, int signal) => Signalling?.Invoke(child, signal);

    internal static void OnReaped(Process child, int exitCode) => Reaped?.Invoke(child, exitCode);
}
