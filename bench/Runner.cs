using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Conformance.Bench;

/// <summary>One run's result: the workload's value, the run's wall time and the CPU time of its whole process tree.</summary>
public sealed record RunResult(double Value, double WallSeconds, double CpuSeconds);

/// <summary>
/// Runs one side of one pair as a fresh process (and its children), one at a time, so that this process's
/// <c>getrusage(RUSAGE_CHILDREN)</c> delta is exactly that run's process tree (every descendant reaped inside it;
/// a grandchild orphaned to init, such as a resource tracker outliving its parent by a moment, is not counted).
/// </summary>
public static class Runner
{
    private const int RusageChildren = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Sec;
        public long Usec;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public Timeval Utime;
        public Timeval Stime;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, ref Rusage usage);

    /// <summary>user+sys CPU seconds of every reaped child of this process so far.</summary>
    public static double ChildrenCpuSeconds()
    {
        var u = new Rusage { Rest = new long[14] };
        if (getrusage(RusageChildren, ref u) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return u.Utime.Sec + u.Utime.Usec / 1e6 + u.Stime.Sec + u.Stime.Usec / 1e6;
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; the value is the last line's number (or its JSON "value").</summary>
    public static RunResult Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var cpu0 = ChildrenCpuSeconds();
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} did not finish within {timeout.TotalSeconds:F0} s: killed");
        }
        p.WaitForExit();
        var wall = sw.Elapsed.TotalSeconds;
        var cpu = ChildrenCpuSeconds() - cpu0;
        var output = stdout.Result;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', psi.ArgumentList)} exited with {p.ExitCode}:\n{Tail(stderr.Result)}{Tail(output)}");
        }
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} printed nothing; stderr:\n{Tail(stderr.Result)}");
        var value = last.StartsWith('{') ? (double)JsonNode.Parse(last)!["value"]! : double.Parse(last, CultureInfo.InvariantCulture);
        return new RunResult(value, wall, cpu);
    }

    private static string Tail(string s) => s.Length > 2000 ? "..." + s[^2000..] : s;
}

/// <summary>The machine's load: /proc/loadavg and the busy share of all CPUs from /proc/stat.</summary>
public sealed record LoadSample(double LoadAvg1, long Busy, long Total)
{
    public static LoadSample Now()
    {
        var avg = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        // cpu  user nice system idle iowait irq softirq steal ...
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var total = f.Sum();
        var idle = f[3] + f[4];
        return new LoadSample(avg, total - idle, total);
    }
}
