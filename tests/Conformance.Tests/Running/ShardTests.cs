using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Running;

/// <summary><c>--shard i/n</c>: a stable hash of the id, so shards are the same everywhere and together run each scenario once.</summary>
public sealed class ShardTests
{
    private static readonly SuitePaths Paths = SuitePaths.Locate();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    public void The_shards_of_the_real_suite_hold_every_scenario_exactly_once(int n)
    {
        var ids = ScenarioLoader.Discover(Paths.Scenarios).Select(f => ScenarioLoader.IdOf(Paths.Scenarios, f)).ToList();
        var shards = Enumerable.Range(1, n).Select(i => new Shard(i, n)).ToList();

        Assert.That(ids, Has.Count.GreaterThan(100));
        foreach (var id in ids)
            Assert.That(shards.Count(s => s.Contains(id)), Is.EqualTo(1), id);
        if (n == 3)
            Assert.That(shards.Select(s => ids.Count(s.Contains)), Has.All.GreaterThan(ids.Count / 6), "no shard is nearly empty");
    }

    [Test]
    public void The_hash_is_FNV_1a_and_does_not_change_between_processes()
    {
        // FNV-1a 64's published test vectors: a value that string.GetHashCode (randomised per process) could not give.
        Assert.Multiple(() =>
        {
            Assert.That(Shard.Hash(""), Is.EqualTo(0xcbf29ce484222325UL));
            Assert.That(Shard.Hash("a"), Is.EqualTo(0xaf63dc4c8601ec8cUL));
            Assert.That(Shard.Hash("foobar"), Is.EqualTo(0x85944171f73967e8UL));
        });
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("1/0")]
    [TestCase("1")]
    [TestCase("a/b")]
    [TestCase("-1/3")]
    [TestCase("1/3/5")]
    public void A_shard_that_is_not_i_of_n_is_refused_with_the_form(string text)
    {
        Assert.That(Shard.TryParse(text, out var error), Is.Null);
        Assert.That(error, Does.Contain("i/n").And.Contain($"'{text}'"));
    }
}
