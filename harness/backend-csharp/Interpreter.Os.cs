using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using Multiprocessing;
using Multiprocessing.Python;
using Conformance.Backend.CSharp.Values;

namespace Conformance.Backend.CSharp;

/// <summary>
/// <c>os._exit(n)</c> and <c>os.kill(os.getpid(), sig)</c>: how a Python child ends without unwinding, and how it dies by a
/// signal (conformance_runner.py's <c>_builtin_os_exit</c>/<c>_builtin_os_kill</c>). Only in a child, and a child may
/// signal only itself: a scenario never reaches another process of the machine. Hooked in from CallBuiltin by one line.
/// </summary>
public sealed partial class Interpreter
{
    /// <summary>The signals a child may send itself: SIGINT, SIGKILL, SIGSEGV, SIGTERM.</summary>
    private static readonly IReadOnlySet<long> SelfSignals = new HashSet<long> { 2, 9, 11, 15 };

    private const int SigInt = 2;
    private const int SigSegv = 11;

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNow(int status);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int sig);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetDisposition(int sig, IntPtr handler);

    private object? OsBuiltin(string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (Mp.IsMainProcess)
            throw new ScenarioViolation($"{name} in the main process, which would end the run, is not part of the scenario language; call it in a child process, which");
        if (name == "os._exit")
        {
            var code = PyOps.AsLong(Traced.Unwrap(Bind(name, ["status"], NoDefaults, args, kwargs)[0]));
            // CPython's os._exit: no finally, no exit handlers, no flush; the OS keeps the low 8 bits, as for exit().
            ExitNow(unchecked((int)code));
            return null; // not reached
        }
        var a = Bind(name, ["pid", "signal"], NoDefaults, args, kwargs);
        var pid = Traced.Unwrap(a[0]);
        var sig = Traced.Unwrap(a[1]);
        if (pid is not long p || p != Environment.ProcessId)
            throw new ScenarioViolation($"os.kill of pid {PyRepr.Repr(pid)} is not part of the scenario language: a child may signal only itself, os.kill(os.getpid(), sig); that");
        if (sig is not long s || !SelfSignals.Contains(s))
            throw new ScenarioViolation($"os.kill with signal {PyRepr.Repr(sig)} is not part of the scenario language: the signals are 2 (SIGINT), 9 (SIGKILL), 11 (SIGSEGV) and 15 (SIGTERM); that");
        ExitLedger.SelfSignal((int)s); // a death the scenario caused, not a crash (docs/backend-authors.md)
        if (s == SigInt)
            return InterruptSelf();
        if (s == SigSegv)
            SetDisposition(SigSegv, IntPtr.Zero); // SIG_DFL, as in a Python process: .NET's own SIGSEGV handler would not end it by the signal
        if (SendSignal(Environment.ProcessId, (int)s) != 0)
            throw new OSError(Marshal.GetLastPInvokeError(), "kill failed");
        // The signal's default action ends the process; a process that outlives it has a broken signal setup.
        Thread.Sleep(TimeSpan.FromSeconds(10));
        throw new RuntimeError($"signal {s} did not end {Mp.CurrentProcess().Name}#{Environment.ProcessId} within 10 s");
    }

    /// <summary>
    /// SIGINT to itself: CPython's default handler makes <c>os.kill</c> raise KeyboardInterrupt (so an uncaught one
    /// gives exit code 1, not -2). The signal is really sent; a handler, registered only around the call, takes it
    /// instead of .NET's default (which would end the process by it) and the call raises as CPython's does.
    /// </summary>
    private static object? InterruptSelf()
    {
        using var delivered = new ManualResetEventSlim();
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
               {
                   c.Cancel = true;
                   delivered.Set();
               }))
        {
            if (SendSignal(Environment.ProcessId, SigInt) != 0)
                throw new OSError(Marshal.GetLastPInvokeError(), "kill failed");
            if (!delivered.Wait(TimeSpan.FromSeconds(10)))
                throw new RuntimeError($"SIGINT sent by {Mp.CurrentProcess().Name}#{Environment.ProcessId} to itself did not arrive within 10 s");
        }
        throw PyErrors.Raise("KeyboardInterrupt", Array.Empty<object?>());
    }
}
