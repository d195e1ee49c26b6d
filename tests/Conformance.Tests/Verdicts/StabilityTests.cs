using Conformance.Harness.Running;

namespace Conformance.Tests.Verdicts;

/// <summary>Stability mode: how the runs of <c>--repeat</c> combine into one verdict.</summary>
public sealed class StabilityTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static RunResult Run(Verdict verdict, double seconds = 1, string snapshot = "output:\n  a\n", string? message = null) =>
        new("queue/get", "cpython-3.11.7", verdict, TimeSpan.FromSeconds(seconds), [], ["a"], message ?? (verdict == Verdict.Pass ? null : "boom"))
        {
            Snapshot = snapshot,
        };

    [Test]
    public void Identical_runs_keep_their_verdict_and_record_every_run()
    {
        var combined = RepeatedRunner.Combine([Run(Verdict.Pass), Run(Verdict.Pass, 2), Run(Verdict.Pass, 3)], Limit);

        Assert.Multiple(() =>
        {
            Assert.That(combined.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(combined.Runs.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Pass, Verdict.Pass }));
            Assert.That(combined.Runs.Select(r => r.Duration.TotalSeconds), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
            Assert.That(combined.Duration, Is.EqualTo(TimeSpan.FromSeconds(6)));
            Assert.That(combined.Slow, Is.False);
        });
    }

    [Test]
    public void Runs_with_different_verdicts_are_inconsistent_with_the_tally()
    {
        var runs = Enumerable.Range(0, 10).Select(i => Run(i is 3 or 6 or 9 ? Verdict.Fail : Verdict.Pass)).ToList();

        var combined = RepeatedRunner.Combine(runs, Limit);

        Assert.Multiple(() =>
        {
            Assert.That(combined.Verdict, Is.EqualTo(Verdict.Inconsistent));
            Assert.That(combined.IsSuccess, Is.False);
            Assert.That(combined.Message, Does.StartWith("pass 7/10, fail 3/10; run 4 is the first to differ from run 1"));
            Assert.That(combined.Message, Does.Contain("run 4 (fail): boom"));
        });
    }

    [Test]
    public void Runs_with_the_same_verdict_but_another_snapshot_are_inconsistent_with_the_diff()
    {
        var combined = RepeatedRunner.Combine([Run(Verdict.Fail), Run(Verdict.Fail, snapshot: "output:\n  b\n")], Limit);

        Assert.Multiple(() =>
        {
            Assert.That(combined.Verdict, Is.EqualTo(Verdict.Inconsistent));
            Assert.That(combined.Message, Does.StartWith("fail 2/2; run 2 is the first to differ from run 1:\n--- run 1\n+++ run 2\n"));
            Assert.That(combined.Message, Does.Contain("-  a\n+  b"));
        });
    }

    [Test]
    public void A_run_over_80_percent_of_the_time_limit_is_slow()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RepeatedRunner.Combine([Run(Verdict.Pass, 7.9), Run(Verdict.Pass, 8.1)], Limit).Slow, Is.True);
            Assert.That(RepeatedRunner.Combine([Run(Verdict.Pass, 7.9)], Limit).Slow, Is.False);
        });
    }

    [Test]
    public void A_single_run_is_its_own_result()
    {
        var combined = RepeatedRunner.Combine([Run(Verdict.Timeout, message: "timed out")], Limit);

        Assert.Multiple(() =>
        {
            Assert.That(combined.Verdict, Is.EqualTo(Verdict.Timeout));
            Assert.That(combined.Message, Is.EqualTo("timed out"));
            Assert.That(combined.Runs, Has.Count.EqualTo(1));
        });
    }
}
