using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The trace: every event is one complete JSON line appended with ONE write(2) on an O_APPEND descriptor opened
/// once per process (CONFORMANCE_TRACE), so lines from all processes interleave atomically in real order.
/// </summary>
public static partial class TraceLog
{
    private const int OWrOnly = 0x1, OCreat = 0x40, OAppend = 0x400, OCloexec = 0x80000;
    private const int EIntr = 4;

    private static readonly object Gate = new();
    private static readonly ArrayBufferWriter<byte> Buffer = new(512);
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static int s_fd = -1;
    private static int s_pid;
    private static bool s_disabled;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    /// <summary><c>time.monotonic_ns()</c>: CLOCK_MONOTONIC in nanoseconds.</summary>
    public static long MonotonicNs()
    {
        var ticks = Stopwatch.GetTimestamp();
        return Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
    }

    /// <summary>Appends one event; <paramref name="fields"/> are string, long or string-list values, in order.</summary>
    public static void Emit(string ev, params (string Key, object? Value)[] fields)
    {
        var t = MonotonicNs();
        lock (Gate)
        {
            var pid = Environment.ProcessId;
            if (s_fd < 0 || s_pid != pid)
            {
                if (s_disabled)
                    return;
                var path = Environment.GetEnvironmentVariable("CONFORMANCE_TRACE");
                if (string.IsNullOrEmpty(path))
                {
                    s_disabled = true;
                    return;
                }
                s_fd = Open(path, OWrOnly | OAppend | OCreat | OCloexec, Convert.ToInt32("644", 8));
                if (s_fd < 0)
                    throw new Multiprocessing.OSError(Marshal.GetLastPInvokeError(), $"cannot open the trace {path}");
                s_pid = pid;
            }
            Buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(Buffer, Options))
            {
                w.WriteStartObject();
                w.WriteNumber("t", t);
                w.WriteNumber("pid", pid);
                w.WriteString("proc", Multiprocessing.Mp.CurrentProcess().Name);
                w.WriteString("ev", ev);
                foreach (var (key, value) in fields)
                {
                    switch (value)
                    {
                        case string s:
                            w.WriteString(key, s);
                            break;
                        case long l:
                            w.WriteNumber(key, l);
                            break;
                        case int i:
                            w.WriteNumber(key, i);
                            break;
                        case IEnumerable<string> list:
                            w.WriteStartArray(key);
                            foreach (var item in list)
                                w.WriteStringValue(item);
                            w.WriteEndArray();
                            break;
                        default:
                            w.WriteNull(key);
                            break;
                    }
                }
                w.WriteEndObject();
            }
            Buffer.GetSpan(1)[0] = (byte)'\n';
            Buffer.Advance(1);
            WriteAll(Buffer.WrittenSpan);
        }
    }

    private static unsafe void WriteAll(ReadOnlySpan<byte> data)
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
                    throw new Multiprocessing.OSError(Marshal.GetLastPInvokeError(), "cannot write the trace");
                }
                done += (int)n;
            }
        }
    }
}
