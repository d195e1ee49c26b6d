using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Bench;

/// <summary>The table (console and README), the JSON rows and the machine description.</summary>
public static class Report
{
    public const string Begin = "<!-- bench:begin -->";
    public const string End = "<!-- bench:end -->";

    public static string Fmt(double? v) => v switch
    {
        null => "-",
        >= 10_000 => v.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => v.Value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => v.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => v.Value.ToString("F2", CultureInfo.InvariantCulture),
    };

    private static string Pct(double v) => (v * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A markdown table: readable in a terminal as it is, and what the README holds.</summary>
    public static string Table(IReadOnlyList<Row> rows)
    {
        string[] head =
        [
            "workload", "placement", "unit", "CPython median (IQR)", "C# median (IQR)", "ratio median (IQR), >1 = C# better",
            "CPU s/run CPython / C#", "C floor", "target", "met: deciding clause", "load (others' CPU; loadavg)",
        ];
        var cells = rows.Select(r =>
        {
            var (met, clause) = r.Verdict;
            return new[]
            {
                r.Workload.Name, r.Placement, r.Workload.Unit,
                $"{Fmt(r.CPythonMedian)} ({Fmt(r.CPythonIqr)})",
                $"{Fmt(r.CSharpMedian)} ({Fmt(r.CSharpIqr)})",
                r.RatioMedian is null ? "-" : $"{Fmt(r.RatioMedian)}x ({Fmt(r.RatioIqr)})",
                $"{Fmt(r.CPythonCpu)} / {Fmt(r.CSharpCpu)}",
                r.Workload.Floor is null ? "-" : $"{Fmt(r.FloorMedian)} {r.Workload.Floor.Unit} ({r.Workload.Floor.Mode})",
                r.Workload.Target.Describe(),
                (met switch { null => "-", true => "yes", false => "**NO**" }) + ": " + clause.Replace("|", "/").Replace('\n', ' '),
                r.Load is null ? "-" : $"{Pct(r.Load.Others)}; {Fmt(r.Load.LoadAvgBefore)}->{Fmt(r.Load.LoadAvgAfter)}",
            };
        }).ToList();
        var widths = head.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => x.PadRight(widths[i]))) + " |";
        var sb = new StringBuilder();
        sb.AppendLine(Line(head));
        sb.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var c in cells) sb.AppendLine(Line(c));
        return sb.ToString();
    }

    /// <summary>nproc, CPU model, kernel, .NET, CPython.</summary>
    public static JsonObject Machine(string pythonVersion) => new()
    {
        ["nproc"] = Workloads.CpuCount,
        ["cpu"] = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim(),
        ["kernel"] = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
        ["dotnet"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["cpython"] = pythonVersion,
    };

    public static string MachineLine(JsonObject m) =>
        $"{m["nproc"]} CPUs (nproc), {m["cpu"]}, Linux {m["kernel"]}, {m["dotnet"]}, CPython {m["cpython"]}";

    public static void WriteJson(string path, IReadOnlyList<Row> rows, JsonObject machine, bool quick, string command)
    {
        static JsonArray Values(IEnumerable<double> v) => new(v.Select(x => (JsonNode)x).ToArray());
        var doc = new JsonObject
        {
            ["command"] = command,
            ["quick"] = quick,
            ["date"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            ["machine"] = machine,
            ["floors"] = Floors.Status,
            ["rows"] = new JsonArray(rows.Select(r =>
            {
                var (met, clause) = r.Verdict;
                return (JsonNode)new JsonObject
                {
                    ["workload"] = r.Workload.Name,
                    ["id"] = r.Workload.Id,
                    ["placement"] = r.Placement,
                    ["unit"] = r.Workload.Unit,
                    ["higher_is_better"] = r.Workload.HigherIsBetter,
                    ["pairs"] = r.CSharp.Count,
                    ["first"] = r.FirstSide,
                    ["cpython_median"] = r.CPythonMedian,
                    ["csharp_median"] = r.CSharpMedian,
                    ["cpython_iqr"] = r.CPythonIqr,
                    ["csharp_iqr"] = r.CSharpIqr,
                    ["ratio_median"] = r.RatioMedian,
                    ["ratio_iqr"] = r.RatioIqr,
                    ["cpython_cpu_s"] = r.CPythonCpu,
                    ["csharp_cpu_s"] = r.CSharpCpu,
                    ["cpython_wall_s"] = r.CPythonWall,
                    ["csharp_wall_s"] = r.CSharpWall,
                    ["floor"] = r.FloorMedian,
                    ["floor_mode"] = r.Workload.Floor?.Mode,
                    ["floor_unit"] = r.Workload.Floor?.Unit,
                    ["target"] = r.Workload.Target.Describe(),
                    ["met"] = met,
                    ["clause"] = clause,
                    ["load"] = r.Load is null ? null : new JsonObject
                    {
                        ["loadavg_before"] = r.Load.LoadAvgBefore,
                        ["loadavg_after"] = r.Load.LoadAvgAfter,
                        ["busy"] = r.Load.Busy,
                        ["others"] = r.Load.Others,
                    },
                    ["cpython_values"] = Values(r.CPython.Select(x => x.Value)),
                    ["csharp_values"] = Values(r.CSharp.Select(x => x.Value)),
                    ["ratios"] = Values(r.Ratios),
                    ["floor_values"] = Values(r.Floor.Select(x => x.Value)),
                    ["error"] = r.Error,
                };
            }).ToArray()),
        };
        File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Replaces the text between <see cref="Begin"/> and <see cref="End"/> in <paramref name="path"/>.</summary>
    public static void RewriteMarkdown(string path, string region)
    {
        var text = File.ReadAllText(path);
        var b = text.IndexOf(Begin, StringComparison.Ordinal);
        var e = text.IndexOf(End, StringComparison.Ordinal);
        if (b < 0 || e < b) throw new InvalidOperationException($"{path} has no '{Begin}' ... '{End}' region to rewrite; add the two markers where the table goes");
        File.WriteAllText(path, text[..(b + Begin.Length)] + "\n" + region.TrimEnd() + "\n" + text[e..]);
    }
}
