using Conformance.Harness.Running;

namespace Conformance.Tests.Running;

/// <summary>The exits ledger: a child's death by a signal the run sent is data; by any other signal, a crash.</summary>
public sealed class ChildDeathsTests
{
    [Test]
    public void Only_deaths_by_a_signal_no_process_of_the_run_sent_are_listed_and_a_torn_line_is_ignored()
    {
        var ledger = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(ledger, """
            {"pid": 100, "op": "signal", "child": 101, "name": "Process-1", "signal": 15}
            {"pid": 100, "op": "exit", "child": 101, "name": "Process-1", "exitcode": -15}
            {"pid": 100, "op": "signal", "child": 102, "name": "Process-2", "signal": 15}
            {"pid": 100, "op": "exit", "child": 102, "name": "Process-2", "exitcode": -9}
            {"pid": 100, "op": "exit", "child": 103, "name": "Process-3", "exitcode": 1}
            {"pid": 103, "op": "exit", "child": 104, "name": "Process-3:1", "exitcode": -11}
            {"pid": 100, "op": "exit", "child": 105, "na
            """);
        try
        {
            var deaths = ChildDeaths.Unasked(ledger);

            Assert.That(deaths.Select(d => d.ToString()), Is.EqualTo(new[]
            {
                "Process-2 (pid 102) was killed by signal 9 (SIGKILL), which no process of the run sent (exit code -9, seen by its parent, pid 100)",
                "Process-3:1 (pid 104) was killed by signal 11 (SIGSEGV), which no process of the run sent (exit code -11, seen by its parent, pid 103)",
            }));
            Assert.That(ChildDeaths.Unasked(ledger + ".none"), Is.Empty);
        }
        finally
        {
            File.Delete(ledger);
        }
    }
}
