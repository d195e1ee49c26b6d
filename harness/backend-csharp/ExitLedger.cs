using System;
using System.Runtime.CompilerServices;
using Conformance.Backend.CSharp.Internal;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The run's ledger of child exits (CONFORMANCE_EXITS, docs/backend-authors.md), the C# side of the CPython runner's
/// wrapped <c>Popen._send_signal</c>/<c>poll</c>: one JSON line per signal this process sends to a child (before
/// sending it) and per child it reaps, appended with ONE write(2) on an O_APPEND descriptor, so the harness can tell a
/// death the scenario caused (terminate, kill) from one it did not (a segfault, a kill from outside the run).
/// </summary>
public static class ExitLedger
{
    /// <summary>The variable the harness sets to the run's exits ledger path.</summary>
    public const string Variable = "CONFORMANCE_EXITS";

    private static readonly JsonLinesAppender File = new(Variable, "the exits ledger",
        "without it the harness cannot tell a child's crash from a death the scenario caused");

    /// <summary>
    /// Subscribes to impl's observation point when this assembly loads: in the runner's main process and in every
    /// child (whose Main never runs), since any of them may start, signal and reap children of its own.
    /// </summary>
    [ModuleInitializer]
    internal static void Install()
    {
        ChildExits.Signalling += (child, signal) => Append("signal", child, "signal", signal);
        ChildExits.Reaped += (child, code) => Append("exit", child, "exitcode", code);
    }

    /// <summary>
    /// A child about to send itself <paramref name="signal"/> (<c>os.kill(os.getpid(), sig)</c>): its parent reaps it
    /// dead by that signal, which the scenario caused, so the line names the child itself as the one signalled.
    /// </summary>
    internal static void SelfSignal(int signal) => Append("signal", Mp.CurrentProcess(), "signal", signal);

    /// <summary>Appends <c>{"pid", "op", "child", "name", field}</c>; does nothing outside a run (no CONFORMANCE_EXITS).</summary>
    private static void Append(string op, Process child, string field, int value) =>
        File.Append((w, pid) =>
        {
            w.WriteNumber("pid", pid);
            w.WriteString("op", op);
            w.WriteNumber("child", child.Pid ?? 0);
            w.WriteString("name", child.Name);
            w.WriteNumber(field, value);
        });
}
