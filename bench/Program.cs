using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CliWrap;

namespace Conformance.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench [-- --quick] [--json PATH] [--no-python] [--only TEXT]</c>:
/// runs bench/cpython_bench.py, then the same workloads with impl, and prints one comparison table.
/// </summary>
public static class Program
{
    private sealed record Workload(string Name, string Unit, Func<int?, double> Run, int Runs, (string Placement, int? Cpu)[] Where,
        bool HigherIsBetter, double Target, string TargetText);

    private sealed record Row(string Workload, string Placement, string Unit, double? CPython, double? CSharp, double? Ratio,
        string Target, bool? Met, int Runs, double[] CSharpValues);

    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var noPython = args.Contains("--no-python");
        var jsonPath = Option(args, "--json");
        var only = Option(args, "--only");
        var scale = quick ? 10 : 1;

        var cpython = new Dictionary<(string, string), double>();
        if (!noPython) cpython = RunCPython(quick, only).GetAwaiter().GetResult();

        Workloads.Pin(0);
        (string, int?)[] placements = [("same-cpu", 0), ("split", 1)];
        (string, int?)[] any = [("any", null)];
        var plan = new Workload[]
        {
            new("queue 200k ints", "items/s", c => Workloads.QueueThroughput(200_000 / scale, null, c), 3, placements, true, 5, ">= 5x"),
            new("queue 50k x 1 KiB", "items/s", c => Workloads.QueueThroughput(50_000 / scale, Payload(), c), 3, placements, true, 5, ">= 5x"),
            new("semaphore ping-pong", "us/round trip", c => Workloads.SemaphorePingPong(20_000 / scale, c), 5, placements, false, 1, ">= 1x"),
            new("event set->wait ping-pong", "us/round trip", c => Workloads.EventPingPong(10_000 / scale, c), 5, placements, false, 1, ">= 1x"),
            new("joinable put/get/task_done/join", "us/round trip", c => Workloads.JoinableRoundTrip(10_000 / scale, c), 5, placements, false, 1, ">= 1x"),
            new("Value += 1 under its lock, 2 procs", "increments/s", c => Workloads.ValueLockedIncrements(200_000 / scale, c), 3, placements, true, 1, ">= 1x"),
            new("process start+join (empty)", "ms", Workloads.ProcessStartJoin, 15, any, false, 1, ">= 1x"),
            new("idle child peak RSS", "MiB", Workloads.IdleChildPeakMemory, 3, any, false, 0.5, ">= 0.5x (<= 2x mem)"),
        };

        var rows = new List<Row>();
        foreach (var w in plan)
        {
            if (only is not null && !w.Name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var (placement, cpu) in w.Where)
            {
                var values = Enumerable.Range(0, w.Runs).Select(_ => w.Run(cpu)).ToArray();
                var median = Median(values);
                double? py = cpython.TryGetValue((w.Name, placement), out var v) ? v : null;
                double? ratio = py is null ? null : w.HigherIsBetter ? median / py.Value : py.Value / median;
                var row = new Row(w.Name, placement, w.Unit, py, median, ratio, w.TargetText, ratio is null ? null : ratio >= w.Target,
                    w.Runs, values);
                rows.Add(row);
                Console.Error.WriteLine($"[c#] {w.Name} / {placement}: {Fmt(median)} {w.Unit} (runs: {string.Join(", ", values.Select(x => Fmt(x)))})");
            }
        }

        PrintTable(rows, quick);
        if (jsonPath is not null) WriteJson(jsonPath, rows, quick);
        return 0;
    }

    private static byte[] Payload()
    {
        var b = new byte[1024];
        Array.Fill(b, (byte)'x');
        return b;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static double Median(double[] values)
    {
        var s = values.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static async Task<Dictionary<(string, string), double>> RunCPython(bool quick, string? only)
    {
        var script = FindScript();
        var result = new Dictionary<(string, string), double>();
        var stderr = new StringBuilder();
        var args = new List<string> { script };
        if (quick) args.Add("--quick");
        if (only is not null) args.AddRange(["--only", only]);
        Console.Error.WriteLine($"[cpython] python3 {string.Join(' ', args)}");
        var cmd = Cli.Wrap("python3").WithArguments(args).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                var o = JsonNode.Parse(line)!.AsObject();
                var key = ((string)o["workload"]!, (string)o["placement"]!);
                result[key] = (double)o["median"]!;
                Console.Error.WriteLine($"[cpython] {key.Item1} / {key.Item2}: {Fmt((double)o["median"]!)} {(string)o["unit"]!}");
            }))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr));
        var r = await cmd.ExecuteAsync();
        if (r.ExitCode != 0)
        {
            Console.Error.WriteLine($"[cpython] exit code {r.ExitCode}:\n{stderr}");
        }
        return result;
    }

    private static string FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = Path.Combine(d.FullName, "bench", "cpython_bench.py");
                if (File.Exists(p)) return p;
            }
        }
        throw new FileNotFoundException("cannot find bench/cpython_bench.py above the current directory or the program");
    }

    private static string Fmt(double? v) => v switch
    {
        null => "-",
        >= 10_000 => v.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => v.Value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => v.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => v.Value.ToString("F2", CultureInfo.InvariantCulture),
    };

    private static void PrintTable(List<Row> rows, bool quick)
    {
        string[] head = ["workload", "placement", "CPython median", "C# median", "ratio (C# vs CPython, >1 = C# better)", "target", "met?"];
        var cells = rows.Select(r => new[]
        {
            r.Workload, r.Placement, $"{Fmt(r.CPython)} {r.Unit}", $"{Fmt(r.CSharp)} {r.Unit}",
            r.Ratio is null ? "-" : r.Ratio.Value.ToString("F2", CultureInfo.InvariantCulture) + "x", r.Target,
            r.Met is null ? "-" : r.Met.Value ? "yes" : "NO",
        }).ToList();
        var widths = head.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => x.PadRight(widths[i]))) + " |";
        Console.WriteLine();
        if (quick) Console.WriteLine("(--quick: 1/10 of the items; figures are indicative only)");
        Console.WriteLine(Line(head));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var c in cells) Console.WriteLine(Line(c));
    }

    private static void WriteJson(string path, List<Row> rows, bool quick)
    {
        var doc = new JsonObject
        {
            ["quick"] = quick,
            ["machine"] = new JsonObject
            {
                ["nproc"] = Environment.ProcessorCount,
                ["cpu"] = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim(),
                ["dotnet"] = Environment.Version.ToString(),
            },
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["workload"] = r.Workload,
                ["placement"] = r.Placement,
                ["unit"] = r.Unit,
                ["cpython_median"] = r.CPython,
                ["csharp_median"] = r.CSharp,
                ["ratio"] = r.Ratio,
                ["target"] = r.Target,
                ["met"] = r.Met,
                ["runs"] = r.Runs,
                ["csharp_values"] = new JsonArray(r.CSharpValues.Select(v => (JsonNode)v).ToArray()),
            }).ToArray()),
        };
        File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
