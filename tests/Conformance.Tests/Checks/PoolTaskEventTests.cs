using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

/// <summary>Pool task events (task_begin, task_end) in traces, selectors and invariants; count per_process.</summary>
public class PoolTaskEventTests
{
    private static string Task(double t, int pid, string proc, string ev, string fn, long chunk, params string[] args) =>
        Line(t, pid, proc, ev, new JsonObject { ["fn"] = fn, ["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]), ["chunk"] = chunk });

    private static InvariantOutcome CheckOne(string invariantJson, params string[] lines)
    {
        var outcomes = InvariantChecker.Check(Invariants($$$"""{"invariants": [{{{invariantJson}}}]}"""), Build([Meta(), .. lines]));
        Assert.That(outcomes, Has.Count.EqualTo(1));
        return outcomes[0];
    }

    // Worker 201 ran chunks 0 and 1 (items 0-3), worker 202 chunk 2 (items 4, 5), each after its initializer's print.
    private static readonly string[] Tasks =
    [
        Print(0.1, 201, "SpawnPoolWorker-1", "init\n"),
        Print(0.1, 202, "SpawnPoolWorker-2", "init\n"),
        Task(0.2, 201, "SpawnPoolWorker-1", "task_begin", "f", 0, "0"), Task(0.21, 201, "SpawnPoolWorker-1", "task_end", "f", 0, "0"),
        Task(0.3, 201, "SpawnPoolWorker-1", "task_begin", "f", 0, "1"), Task(0.31, 201, "SpawnPoolWorker-1", "task_end", "f", 0, "1"),
        Task(0.4, 202, "SpawnPoolWorker-2", "task_begin", "f", 2, "4"), Task(0.41, 202, "SpawnPoolWorker-2", "task_end", "f", 2, "4"),
        Task(0.5, 201, "SpawnPoolWorker-1", "task_begin", "f", 1, "2"), Task(0.51, 201, "SpawnPoolWorker-1", "task_end", "f", 1, "2"),
        Task(0.6, 201, "SpawnPoolWorker-1", "task_begin", "f", 1, "3"), Task(0.61, 201, "SpawnPoolWorker-1", "task_end", "f", 1, "3"),
        Task(0.7, 202, "SpawnPoolWorker-2", "task_begin", "f", 2, "5"), Task(0.71, 202, "SpawnPoolWorker-2", "task_end", "f", 2, "5"),
    ];

    [Test]
    public void A_task_event_is_parsed_and_its_line_is_what_text_matches()
    {
        var trace = Build(Meta(), Task(0.1, 201, "SpawnPoolWorker-1", "task_begin", "power", 3, "2", "10"));
        var e = trace.Events[1];
        Assert.That((e.Fn, e.Chunk, e.Args), Is.EqualTo(("power", 3L, (IReadOnlyList<string>)["2", "10"])).Using(new TaskComparer()));
        Assert.That(Selection.TaskLine(e), Is.EqualTo("power(2, 10) chunk 3"));
        Assert.That(Selection.MatchedLine(e), Is.EqualTo("power(2, 10) chunk 3"));
        Assert.That(trace.Describe(e), Does.Contain("task_begin power(2, 10) chunk 3"));
    }

    [Test]
    public void A_task_event_without_its_fields_is_an_error()
    {
        var ex = Assert.Throws<TraceFormatException>(() => Build(Meta(), Line(0.1, 201, "W", "task_end", new JsonObject { ["fn"] = "f" })));
        Assert.That(ex!.Message, Does.Contain("a task_end event needs 'fn', 'args' and 'chunk'"));
    }

    [Test]
    public void Exactly_once_captures_from_task_lines()
    {
        const string once = """{"name": "x", "exactly_once": {"of": {"ev": "task_begin", "text": "^f\\((\\d+)\\)"}, "values": {"range": [6]}}}""";
        Assert.That(CheckOne(once, Tasks).Passed, Is.True);
        var twice = CheckOne(once, [.. Tasks, Task(0.8, 202, "SpawnPoolWorker-2", "task_begin", "f", 2, "5")]);
        Assert.That(twice.Passed, Is.False);
        Assert.That(twice.Detail, Does.Contain("'5' seen 2 times"));
    }

    [Test]
    public void Count_per_process_bounds_each_processes_own_count()
    {
        const string atMost4 = """{"name": "x", "count": {"of": {"ev": "task_begin"}, "at_most": 4, "per_process": true}}""";
        const string atMost3 = """{"name": "x", "count": {"of": {"ev": "task_begin"}, "at_most": 3, "per_process": true}}""";
        const string chunks = """{"name": "x", "count": {"of": {"ev": "task_begin", "text": "chunk [01]$"}, "equals": 4, "per_process": true}}""";
        Assert.That(CheckOne(atMost4, Tasks).Detail, Does.StartWith("2 processes within the bounds"));
        var o = CheckOne(atMost3, Tasks);
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("SpawnPoolWorker-1 (pid 201) had 4 events, expected at most 3"));
        Assert.That(CheckOne(chunks, Tasks).Passed, Is.True, "processes without a matching event are not counted");
        Assert.That(CheckOne("""{"name": "x", "count": {"of": {"ev": "task_begin"}, "at_most": 4}}""", Tasks).Passed, Is.False, "without per_process the count is global");
    }

    [Test]
    public void Program_order_says_the_initializer_ran_before_each_workers_first_task()
    {
        const string order = """{"name": "x", "program_order": [{"ev": "print", "text": "^init$"}, {"ev": "task_begin"}]}""";
        Assert.That(CheckOne(order, Tasks).Passed, Is.True);
        Assert.That(CheckOne(order, [.. Tasks, Print(0.9, 202, "SpawnPoolWorker-2", "init\n")]).Passed, Is.False);
    }

    private sealed class TaskComparer : IEqualityComparer<(string?, long?, IReadOnlyList<string>?)>
    {
        public bool Equals((string?, long?, IReadOnlyList<string>?) a, (string?, long?, IReadOnlyList<string>?) b) =>
            a.Item1 == b.Item1 && a.Item2 == b.Item2 && (a.Item3 ?? []).SequenceEqual(b.Item3 ?? []);

        public int GetHashCode((string?, long?, IReadOnlyList<string>?) obj) => 0;
    }
}
