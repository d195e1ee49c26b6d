using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Conformance.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench [-- --quick] [--json PATH] [--markdown README.md] [--only TEXT] [--pairs N]</c>:
/// for every workload and placement, alternates one CPython run (python3 bench/cpython_bench.py) and one C# run (this
/// program with <c>--run</c>), each a fresh process tree, with the C floor beside them, and prints one table.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var run = Option(args, "--run");
        var quick = args.Contains("--quick");
        if (run is not null) return Workloads.RunOne(run, Option(args, "--placement") ?? "same-cpu", quick);

        var jsonPath = Option(args, "--json");
        var markdownPath = Option(args, "--markdown");
        var only = Option(args, "--only");
        var pairsOverride = Option(args, "--pairs") is { } ps ? int.Parse(ps, CultureInfo.InvariantCulture) : (int?)null;
        var scale = quick ? 10 : 1;
        var root = FindRoot();
        var script = Path.Combine(root, "bench", "cpython_bench.py");
        var (self, selfArgs) = SelfCommand();
        var python = PythonVersion();
        var machine = Report.MachineLine(Report.Machine(python));
        Console.Error.WriteLine($"machine: {machine}");
        var floors = Floors.Prepare(root);
        var timeout = TimeSpan.FromSeconds(300);

        var rows = new List<Row>();
        var order = 0;
        var started = Stopwatch.StartNew();
        foreach (var w in Plan.All)
        {
            if (only is not null && !w.Id.Contains(only, StringComparison.OrdinalIgnoreCase)
                                 && !w.Name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var placement in w.Placements)
            {
                var pairs = pairsOverride ?? (quick ? 3 : w.Pairs);
                var pythonFirst = order++ % 2 == 0; // A,B,A,B for one row, B,A,B,A for the next
                string[] common = ["--run", w.Id, "--placement", placement, .. quick ? new[] { "--quick" } : []];
                RunResult Py() => Runner.Run("python3", [script, .. common], root, timeout);
                RunResult Cs() => Runner.Run(self, [.. selfArgs, .. common], root, timeout);
                var py = new List<RunResult>();
                var cs = new List<RunResult>();
                var fl = new List<RunResult>();
                string? error = null;
                var before = LoadSample.Now();
                var cpu0 = Runner.ChildrenCpuSeconds();
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < pairs && error is null; i++)
                {
                    try
                    {
                        if (pythonFirst)
                        {
                            var a = Py();
                            var b = Cs();
                            py.Add(a);
                            cs.Add(b);
                        }
                        else
                        {
                            var b = Cs();
                            var a = Py();
                            py.Add(a);
                            cs.Add(b);
                        }
                        if (floors is not null && w.Floor is not null) fl.Add(floors.Run(w.Floor, placement, scale));
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        error = e.Message.Split('\n')[0];
                        Console.Error.WriteLine($"[{w.Id} / {placement}] pair {i + 1} failed: {e.Message}");
                    }
                }
                var after = LoadSample.Now();
                var ours = Runner.ChildrenCpuSeconds() - cpu0;
                var elapsed = sw.Elapsed.TotalSeconds;
                var ticks = after.Total - before.Total;
                var busy = ticks > 0 ? (double)(after.Busy - before.Busy) / ticks : 0;
                var others = Math.Max(0, busy - ours / (elapsed * Workloads.CpuCount));
                var row = new Row(w, placement, pythonFirst ? "cpython" : "csharp", py, cs, fl,
                    new Load(before.LoadAvg1, after.LoadAvg1, busy, others), error);
                rows.Add(row);
                var (met, clause) = row.Verdict;
                Console.Error.WriteLine(
                    $"[{started.Elapsed.TotalSeconds,5:F0}s] {w.Id} / {placement}: CPython {Report.Fmt(row.CPythonMedian)} C# {Report.Fmt(row.CSharpMedian)} {w.Unit}, " +
                    $"ratio {Report.Fmt(row.RatioMedian)}x (IQR {Report.Fmt(row.RatioIqr)}), floor {Report.Fmt(row.FloorMedian)}; " +
                    $"{(met is null ? "-" : met.Value ? "met" : "NOT met")}: {clause}; others' CPU {others:P0}");
            }
        }

        var command = "dotnet run -c Release --project bench --" + (quick ? " --quick" : "") + (only is null ? "" : $" --only {only}") +
                      (pairsOverride is null ? "" : $" --pairs {pairsOverride}") + (markdownPath is null ? "" : $" --markdown {markdownPath}");
        var table = Report.Table(rows);
        Console.WriteLine();
        if (quick) Console.WriteLine("(--quick: 1/10 of the items and 3 pairs: figures are indicative only)");
        Console.WriteLine(table);
        Console.WriteLine($"machine: {machine}; {Floors.Status}; {started.Elapsed.TotalMinutes:F1} min");
        if (jsonPath is not null) Report.WriteJson(jsonPath, rows, Report.Machine(python), quick, command);
        if (markdownPath is not null)
        {
            var loads = rows.Where(r => r.Load is not null).Select(r => r.Load!).ToArray();
            var region =
                $"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC" + (quick ? " (--quick: indicative only)" : "") +
                $" in {started.Elapsed.TotalMinutes:F1} min.\n" +
                $"Machine: {machine}. " +
                (loads.Length == 0 ? "" :
                    $"Load during the run: load average {Report.Fmt(loads.Min(l => l.LoadAvgBefore))}–{Report.Fmt(loads.Max(l => l.LoadAvgAfter))}, " +
                    $"other users' share of all CPUs {Stats.Median(loads.Select(l => l.Others).ToArray()):P0} (median over rows; per row in the last column).") +
                $" {Floors.Status}.\n\n" + table;
            Report.RewriteMarkdown(markdownPath, region);
            Console.Error.WriteLine($"rewrote the bench region of {markdownPath}");
        }
        return rows.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>How to start this program again: its app host, or <c>dotnet</c> plus this assembly.</summary>
    private static (string File, string[] Args) SelfCommand()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [Assembly.GetExecutingAssembly().Location])
            : (path, []);
    }

    private static string PythonVersion()
    {
        var psi = new ProcessStartInfo("python3", "-c \"import platform;print(platform.python_version())\"") { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit(10_000);
        return v;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "bench", "cpython_bench.py"))) return d.FullName;
            }
        }
        throw new FileNotFoundException("cannot find bench/cpython_bench.py above the current directory or the program");
    }
}
