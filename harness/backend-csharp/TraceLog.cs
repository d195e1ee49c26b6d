using System;
using System.Collections.Generic;
using System.Diagnostics;
using Conformance.Backend.CSharp.Internal;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The trace: every event is one complete JSON line appended with ONE write(2) on an O_APPEND descriptor opened
/// once per process (CONFORMANCE_TRACE), so lines from all processes interleave atomically in real order.
/// </summary>
public static class TraceLog
{
    private static readonly JsonLinesAppender File = new("CONFORMANCE_TRACE", "the trace", "without it the run has no trace to judge");

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
        File.Append((w, pid) =>
        {
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
        });
    }
}
