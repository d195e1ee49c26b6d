using Conformance.Bench;

namespace Conformance.Tests.Bench;

/// <summary>The benchmark's statistics and target clauses (bench/Stats.cs, bench/Target.cs); no test here measures a speed.</summary>
public sealed class BenchStatisticsTests
{
    [Test]
    public void Median_of_odd_and_even_counts()
    {
        Assert.That(Stats.Median([5, 1, 3]), Is.EqualTo(3));
        Assert.That(Stats.Median([4, 1, 3, 2]), Is.EqualTo(2.5));
        Assert.That(Stats.Median([7]), Is.EqualTo(7));
    }

    [Test]
    public void Quartiles_interpolate_like_python_statistics_quantiles_inclusive()
    {
        // python3 -c "import statistics as s; print(s.quantiles([1,2,3,4,5,6,7,8,9,10], n=4, method='inclusive'))"
        // [3.25, 5.5, 7.75]
        double[] v = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.That(Stats.Quantile(v, 0.25), Is.EqualTo(3.25).Within(1e-12));
        Assert.That(Stats.Quantile(v, 0.75), Is.EqualTo(7.75).Within(1e-12));
        Assert.That(Stats.Iqr(v), Is.EqualTo(4.5).Within(1e-12));
        Assert.That(Stats.Iqr([3, 3, 3, 3, 100]), Is.EqualTo(0), "an outlier beyond the quartiles does not widen the IQR");
        Assert.That(Stats.Iqr([42]), Is.EqualTo(0));
        Assert.Throws<ArgumentException>(() => Stats.Median([]));
    }

    [Test]
    public void Pair_ratios_are_oriented_so_that_above_one_means_csharp_is_better()
    {
        // A rate: C# 300 items/s against CPython's 100 is 3x better.
        Assert.That(Stats.PairRatio(cpython: 100, csharp: 300, higherIsBetter: true), Is.EqualTo(3));
        // A time: C# 10 us against CPython's 40 us is 4x better; C# 80 us is 0.5x (worse).
        Assert.That(Stats.PairRatio(cpython: 40, csharp: 10, higherIsBetter: false), Is.EqualTo(4));
        Assert.That(Stats.PairRatio(cpython: 40, csharp: 80, higherIsBetter: false), Is.EqualTo(0.5));
        // Pairs are run i of each side, not the ratio of the medians.
        Assert.That(Stats.PairRatios([10, 20, 40], [20, 20, 20], higherIsBetter: true), Is.EqualTo(new[] { 2.0, 1.0, 0.5 }));
        Assert.Throws<ArgumentException>(() => Stats.PairRatios([1, 2], [1], true));
    }

    [Test]
    public void Queue_of_ints_passes_at_20x_or_at_three_tenths_of_the_ring_floor()
    {
        var t = new Target(TargetKind.QueueInts);
        Assert.That(t.Evaluate(21, 100_000, 2_100_000, 100_000_000), Is.EqualTo((true, "21.0x >= 20x")));
        var (met, clause) = t.Evaluate(12, 100_000, 1_200_000, 3_000_000);
        Assert.That(met, Is.True);
        Assert.That(clause, Does.Contain("0.40x of the ring floor >= 0.3x"));
        (met, clause) = t.Evaluate(12, 100_000, 1_200_000, 13_600_000);
        Assert.That(met, Is.False);
        Assert.That(clause, Does.Contain("< 20x and C# at 0.09x of the ring floor < 0.3x"));
        Assert.That(t.Evaluate(12, 100_000, 1_200_000, null).Met, Is.False);
    }

    [Test]
    public void Throughput_floor_clause_applies_only_where_5x_CPython_would_pass_the_floor()
    {
        var t = new Target(TargetKind.Throughput5x);
        Assert.That(t.Evaluate(5.2, 100, 520, 10_000).Met, Is.True);
        // 5 x 270k = 1.35M <= floor 1.8M: the floor clause does not apply, 4x is a miss even at 0.6x of the floor.
        var (met, clause) = t.Evaluate(4, 270_000, 1_080_000, 1_800_000);
        Assert.That(met, Is.False);
        Assert.That(clause, Does.Contain("floor clause does not apply"));
        // 5 x 400k = 2M > floor 1.8M: 0.8x of the floor (1.44M) suffices.
        (met, clause) = t.Evaluate(3.75, 400_000, 1_500_000, 1_800_000);
        Assert.That(met, Is.True);
        Assert.That(clause, Does.Contain("0.83x of it >= 0.8x"));
        (met, _) = t.Evaluate(3, 400_000, 1_200_000, 1_800_000);
        Assert.That(met, Is.False, "0.67x of the floor is below 0.8x");
    }

    [Test]
    public void Ping_pong_needs_2x_only_where_CPython_is_at_least_2x_above_the_floor()
    {
        var t = new Target(TargetKind.PingPong);
        // Floor 2.5 us; CPython 6 us is 2.4x the floor: C# must be 2x faster.
        var (met, clause) = t.Evaluate(1.5, 6, 4, 2.5);
        Assert.That(met, Is.False);
        Assert.That(clause, Does.Contain("needs 2x"));
        Assert.That(t.Evaluate(2.1, 6, 2.86, 2.5).Met, Is.True);
        // Floor 68 us; CPython 100 us is 1.5x the floor: 1x is enough.
        (met, clause) = t.Evaluate(1.1, 100, 91, 68);
        Assert.That(met, Is.True);
        Assert.That(clause, Does.Contain("needs 1x"));
        Assert.That(t.Evaluate(0.9, 100, 111, 68).Met, Is.False);
    }

    [Test]
    public void Time_and_memory_limits_are_minimum_ratios()
    {
        // "Manager operations: at most 0.5x CPython's time" = ratio (CPython time / C# time) >= 2.
        var manager = new Target(TargetKind.MinRatio, 2);
        Assert.That(manager.Evaluate(2.0, 30, 15, null).Met, Is.True);
        Assert.That(manager.Evaluate(1.9, 30, 15.8, null).Met, Is.False);
        // "peak memory at most 2x CPython's" = ratio (CPython MiB / C# MiB) >= 0.5.
        var memory = new Target(TargetKind.MinRatio, 0.5);
        Assert.That(memory.Evaluate(16.0 / 28, 16, 28, null).Met, Is.True);
        Assert.That(memory.Evaluate(16.0 / 33, 16, 33, null).Met, Is.False);
        Assert.That(Target.None.Evaluate(3, 1, 1, null).Met, Is.Null);
    }
}
