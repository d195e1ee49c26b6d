using System.Collections.Generic;
using Multiprocessing.Internal.Pooling;
using System.Linq;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Pool;

[TestFixture]
public sealed class TaskFramesTests
{
    private static IEnumerable<object?[]> Chunks()
    {
        yield return [];
        yield return [1L, -2L, int.MaxValue + 0L];
        yield return [1L, long.MaxValue, long.MinValue];
        yield return [1, 2, -3];
        yield return [1L, 2, "three", null, 4.5];
        yield return [.. System.Linq.Enumerable.Range(0, 1000).Select(i => (object?)(long)(i * i - 500))];
        yield return [long.MaxValue, long.MinValue, 0L, -1L, 1L << 40];
    }

    [TestCaseSource(nameof(Chunks))]
    public void Items_round_trip_with_their_types(object?[] items)
    {
        var back = TaskFrames.ReadItems(TaskFrames.Items(items));
        Assert.That(back, Is.EqualTo(items));
        for (var i = 0; i < items.Length; i++)
            Assert.That(back[i]?.GetType(), Is.EqualTo(items[i]?.GetType()));
    }

    [Test]
    public void A_call_keeps_its_arguments_and_keywords()
    {
        var (args, kwargs) = TaskFrames.ReadCall(TaskFrames.Call([5L, "x"], new Dictionary<string, object?> { ["plus"] = 1L }));
        Assert.That(args, Is.EqualTo(new object?[] { 5L, "x" }));
        Assert.That(kwargs, Is.EqualTo(new Dictionary<string, object?> { ["plus"] = 1L }));
        var (none, noKwargs) = TaskFrames.ReadCall(TaskFrames.Call([], null));
        Assert.That(none, Is.Empty);
        Assert.That(noKwargs, Is.Null);
    }
}
