using System;
using System.Collections.Generic;
using System.Linq;

namespace Conformance.Bench;

/// <summary>The statistics of the paired design: median, quartiles (linear interpolation), IQR, per-pair ratios.</summary>
public static class Stats
{
    /// <summary>The median; of an even count, the mean of the two middle values.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>
    /// The q-quantile by linear interpolation between order statistics at position q·(n−1) (numpy's default,
    /// Python's <c>statistics.quantiles(method='inclusive')</c>).
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("no values: a quantile of nothing is undefined", nameof(values));
        if (q is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile is between 0 and 1");
        var s = values.OrderBy(x => x).ToArray();
        var pos = q * (s.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, s.Length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /// <summary>Interquartile range: Q3 − Q1 (0 for a single value).</summary>
    public static double Iqr(IReadOnlyList<double> values) => Quantile(values, 0.75) - Quantile(values, 0.25);

    /// <summary>
    /// One pair's ratio, oriented so that &gt; 1 means C# is better: C#/CPython for a rate (higher is better),
    /// CPython/C# for a time or a size (lower is better).
    /// </summary>
    public static double PairRatio(double cpython, double csharp, bool higherIsBetter) =>
        higherIsBetter ? csharp / cpython : cpython / csharp;

    /// <summary>The per-pair ratios of equally long CPython and C# series (pair i = run i of each side).</summary>
    public static double[] PairRatios(IReadOnlyList<double> cpython, IReadOnlyList<double> csharp, bool higherIsBetter)
    {
        if (cpython.Count != csharp.Count) throw new ArgumentException($"unpaired series: {cpython.Count} CPython runs, {csharp.Count} C# runs");
        return cpython.Zip(csharp, (a, b) => PairRatio(a, b, higherIsBetter)).ToArray();
    }
}
