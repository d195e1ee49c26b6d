using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The run's ledger of child exits (CONFORMANCE_EXITS, docs/backend-authors.md), the C# side of the CPython runner's
/// wrapped <c>Popen._send_signal</c>/<c>poll</c>: one JSON line per signal this process sends to a child (before
/// sending it) and per child it reaps, appended with ONE write(2) on an O_APPEND descriptor, so the harness can tell a
/// death the scenario caused (terminate, kill) from one it did not (a segfault, a kill from outside the run).
/// </summary>
public static partial class ExitLedger
{
    /// <summary>The variable the harness sets to the run's exits ledger path.</summary>
    public const string Variable = "CONFORMANCE_EXITS";

    private const int OWrOnly = 0x1, OCreat = 0x40, OAppend = 0x400, OCloexec = 0x80000;
    private const int EIntr = 4;

    private static readonly object Gate = new();
    private static readonly ArrayBufferWriter<byte> Buffer = new(128);
    private static int s_fd = -1;
    private static int s_pid;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

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

    /// <summary>Appends <c>{"pid", "op", "child", "name", field}</c>; does nothing outside a run (no CONFORMANCE_EXITS).</summary>
    private static void Append(string op, Process child, string field, int value)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
            return;
        lock (Gate)
        {
            var pid = Environment.ProcessId;
            if (s_fd < 0 || s_pid != pid)
            {
                s_fd = Open(path, OWrOnly | OAppend | OCreat | OCloexec, Convert.ToInt32("644", 8));
                if (s_fd < 0)
                    throw Failure(path, pid, "open");
                s_pid = pid;
            }
            Buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(Buffer))
            {
                w.WriteStartObject();
                w.WriteNumber("pid", pid);
                w.WriteString("op", op);
                w.WriteNumber("child", child.Pid ?? 0);
                w.WriteString("name", child.Name);
                w.WriteNumber(field, value);
                w.WriteEndObject();
            }
            Buffer.GetSpan(1)[0] = (byte)'\n';
            Buffer.Advance(1);
            WriteAll(Buffer.WrittenSpan, path, pid);
        }
    }

    private static unsafe void WriteAll(ReadOnlySpan<byte> data, string path, int pid)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = Write(s_fd, p + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EIntr)
                        continue;
                    throw Failure(path, pid, "append to");
                }
                done += (int)n;
            }
        }
    }

    private static OSError Failure(string path, int pid, string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new OSError(errno, $"{Marshal.GetPInvokeErrorMessage(errno)}: cannot {what} the exits ledger {path} in " +
            $"{Mp.CurrentProcess().Name}#{pid}; without it the harness cannot tell a crashed child from one the scenario " +
            $"stopped (it sets {Variable} to a file in the run's folder, which must stay writable)");
    }
}
