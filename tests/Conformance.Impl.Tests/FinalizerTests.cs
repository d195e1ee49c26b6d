using System.Collections.Generic;
using Multiprocessing.Internal;
using NUnit.Framework;

namespace Conformance.Impl.Tests;

// RunAll runs every registered finalizer of the process, so these tests own the registry while they run.
[NonParallelizable]
public class FinalizerTests
{
    [Test]
    public void Run_in_decreasing_priority_latest_first_among_equals_and_only_those_at_or_above_the_minimum()
    {
        var ran = new List<string>();
        var low = Finalizer.Register(() => ran.Add("low"), -5);
        Finalizer.Register(() => ran.Add("zero-a"), 0);
        Finalizer.Register(() => ran.Add("pool"), 15);
        Finalizer.Register(() => ran.Add("zero-b"), 0);
        var manual = Finalizer.Register(() => ran.Add("manual"), null);

        Finalizer.RunAll(0);
        Assert.That(ran, Is.EqualTo(new[] { "pool", "zero-b", "zero-a" }));
        Assert.That(low.StillActive, Is.True);

        Finalizer.RunAll(null);
        Assert.That(ran, Is.EqualTo(new[] { "pool", "zero-b", "zero-a", "low" }));
        Assert.That(manual.StillActive, Is.True, "a finalizer without a priority runs only when called");
        manual.Invoke();
        manual.Invoke();
        Assert.That(ran, Has.Count.EqualTo(5), "a finalizer runs once");
    }

    [Test]
    public void A_cancelled_finalizer_never_runs_and_a_throwing_one_does_not_stop_the_others()
    {
        var ran = new List<string>();
        var cancelled = Finalizer.Register(() => ran.Add("cancelled"), 5);
        Finalizer.Register(() => throw new System.InvalidOperationException("boom"), 4);
        Finalizer.Register(() => ran.Add("after"), 3);
        cancelled.Cancel();
        Finalizer.RunAll(null);
        Assert.That(ran, Is.EqualTo(new[] { "after" }));
        Assert.That(cancelled.StillActive, Is.False);
    }
}
