using System.Globalization;

namespace Conformance.Bench;

/// <summary>The kinds of target issue 12 item 3 sets.</summary>
public enum TargetKind
{
    /// <summary>No target in the issue: the row is measured and printed only.</summary>
    None,

    /// <summary>ratio ≥ Factor (times and sizes are oriented so that "at most k× CPython's" is ratio ≥ 1/k).</summary>
    MinRatio,

    /// <summary>Queue of small ints: ≥ 20×, or C# ≥ 0.3× the shared-memory ring's rate measured in the same run.</summary>
    QueueInts,

    /// <summary>≥ 5×, or ≥ 0.8× of the C floor where 5× CPython's rate would pass that floor.</summary>
    Throughput5x,

    /// <summary>≥ 1×, and ≥ 2× where CPython's time is at least 2× the floor's (ping-pongs, Event, Condition, JoinableQueue).</summary>
    PingPong,
}

/// <summary>A row's target and its evaluation; <see cref="Evaluate"/> says which clause decided.</summary>
public sealed record Target(TargetKind Kind, double Factor = 1, string? Text = null)
{
    public static readonly Target None = new(TargetKind.None);

    /// <summary>How the target reads in the table.</summary>
    public string Describe() => Text ?? Kind switch
    {
        TargetKind.None => "-",
        TargetKind.MinRatio => $">= {F(Factor)}x",
        TargetKind.QueueInts => ">= 20x or >= 0.3x ring floor",
        TargetKind.Throughput5x => ">= 5x or >= 0.8x floor where 5x passes it",
        TargetKind.PingPong => ">= 1x; 2x if CPython >= 2x floor",
        _ => Kind.ToString(),
    };

    /// <summary>
    /// Whether the target is met and the clause that decided. <paramref name="ratio"/> is the median of the per-pair
    /// ratios (&gt; 1 = C# better); the medians and the floor are in the row's unit (a rate, or a time for ping-pongs).
    /// </summary>
    public (bool? Met, string Clause) Evaluate(double ratio, double cpythonMedian, double csharpMedian, double? floor)
    {
        switch (Kind)
        {
            case TargetKind.None:
                return (null, "no target in issue 12");
            case TargetKind.MinRatio:
                return ratio >= Factor ? (true, $"{F(ratio)}x >= {F(Factor)}x") : (false, $"{F(ratio)}x < {F(Factor)}x");
            case TargetKind.QueueInts:
                if (ratio >= 20) return (true, $"{F(ratio)}x >= 20x");
                if (floor is null) return (false, $"{F(ratio)}x < 20x; no ring floor measured");
                var ofRing = csharpMedian / floor.Value;
                return ofRing >= 0.3
                    ? (true, $"C# at {F(ofRing)}x of the ring floor >= 0.3x")
                    : (false, $"{F(ratio)}x < 20x and C# at {F(ofRing)}x of the ring floor < 0.3x");
            case TargetKind.Throughput5x:
                if (ratio >= 5) return (true, $"{F(ratio)}x >= 5x");
                if (floor is null) return (false, $"{F(ratio)}x < 5x; no floor measured");
                if (5 * cpythonMedian <= floor.Value)
                    return (false, $"{F(ratio)}x < 5x (5x CPython is within the floor, so the floor clause does not apply)");
                var ofFloor = csharpMedian / floor.Value;
                return ofFloor >= 0.8
                    ? (true, $"5x CPython would pass the floor; C# at {F(ofFloor)}x of it >= 0.8x")
                    : (false, $"{F(ratio)}x < 5x; 5x CPython would pass the floor but C# is at {F(ofFloor)}x of it < 0.8x");
            case TargetKind.PingPong:
                if (floor is null)
                    return ratio >= 1 ? (true, $"{F(ratio)}x >= 1x (no floor: the 2x clause was not evaluated)") : (false, $"{F(ratio)}x < 1x");
                var above = cpythonMedian / floor.Value; // times: CPython's µs over the floor's µs
                var need = above >= 2 ? 2.0 : 1.0;
                var why = above >= 2 ? $"CPython at {F(above)}x the floor, needs 2x" : $"CPython at {F(above)}x the floor (< 2x), needs 1x";
                return ratio >= need ? (true, $"{F(ratio)}x: {why}") : (false, $"{F(ratio)}x: {why}");
            default:
                return (null, "unknown target");
        }
    }

    private static string F(double v) => v.ToString(v >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);
}
