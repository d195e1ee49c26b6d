using System.Collections.Generic;
using System.Linq;

namespace Conformance.Bench;

/// <summary>The machine's load while one row was measured.</summary>
/// <param name="LoadAvgBefore">/proc/loadavg (1 min) before the row's first run.</param>
/// <param name="LoadAvgAfter">/proc/loadavg (1 min) after its last run.</param>
/// <param name="Busy">Busy share of all CPUs (/proc/stat) over the row.</param>
/// <param name="Others">That share minus this benchmark's own runs (their CPU time over wall time × CPUs): other users.</param>
public sealed record Load(double LoadAvgBefore, double LoadAvgAfter, double Busy, double Others);

/// <summary>One workload × placement: the paired runs and what follows from them.</summary>
public sealed record Row(Workload Workload, string Placement, string FirstSide, IReadOnlyList<RunResult> CPython, IReadOnlyList<RunResult> CSharp,
    IReadOnlyList<RunResult> Floor, Load? Load, string? Error)
{
    public bool Complete => Error is null && CPython.Count > 0 && CPython.Count == CSharp.Count;

    public double[] Ratios => Complete
        ? Stats.PairRatios(CPython.Select(r => r.Value).ToArray(), CSharp.Select(r => r.Value).ToArray(), Workload.HigherIsBetter)
        : [];

    public double? CPythonMedian => Med(CPython.Select(r => r.Value));
    public double? CSharpMedian => Med(CSharp.Select(r => r.Value));
    public double? CPythonIqr => Iqr(CPython.Select(r => r.Value));
    public double? CSharpIqr => Iqr(CSharp.Select(r => r.Value));
    public double? RatioMedian => Complete ? Stats.Median(Ratios) : null;
    public double? RatioIqr => Complete ? Stats.Iqr(Ratios) : null;
    public double? CPythonCpu => Med(CPython.Select(r => r.CpuSeconds));
    public double? CSharpCpu => Med(CSharp.Select(r => r.CpuSeconds));
    public double? CPythonWall => Med(CPython.Select(r => r.WallSeconds));
    public double? CSharpWall => Med(CSharp.Select(r => r.WallSeconds));
    public double? FloorMedian => Med(Floor.Select(r => r.Value));

    /// <summary>The target's verdict and the clause that decided it (null when the row is incomplete or has no target).</summary>
    public (bool? Met, string Clause) Verdict => Complete
        ? Workload.Target.Evaluate(RatioMedian!.Value, CPythonMedian!.Value, CSharpMedian!.Value, FloorMedian)
        : (null, Error ?? "no runs");

    private static double? Med(IEnumerable<double> v)
    {
        var a = v.ToArray();
        return a.Length == 0 ? null : Stats.Median(a);
    }

    private static double? Iqr(IEnumerable<double> v)
    {
        var a = v.ToArray();
        return a.Length == 0 ? null : Stats.Iqr(a);
    }
}
