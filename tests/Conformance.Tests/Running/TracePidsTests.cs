using Conformance.Harness.Running;

namespace Conformance.Tests.Running;

/// <summary>The pids of a run, read from its trace as a stream: every key found, even one cut by a read's end or in a torn last line.</summary>
public sealed class TracePidsTests
{
    [Test]
    public void Every_pid_is_found_across_read_boundaries_and_in_a_torn_last_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.jsonl");
        // Lines of odd lengths put keys astride every offset of the 64 KiB reads; the text holds an escaped decoy.
        var lines = Enumerable.Range(0, 20_000).Select(i => $"{{\"t\": {i}, \"pid\": {100_000 + i}, \"proc\": \"P\", \"ev\": \"print\", \"text\": \"\\\"pid\\\": 7 {new string('x', i % 37)}\"}}");
        File.WriteAllText(path, string.Join("\n", lines) + "\n{\"t\": 1, \"pid\": 4242");
        try
        {
            var pids = ScenarioRunner.TracePids(path);

            Assert.That(pids, Is.EquivalentTo(Enumerable.Range(100_000, 20_000).Append(4242)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
