using Conformance.Harness.Checks;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

public class TraceTests
{
    [Test]
    public void Load_reads_events_in_file_order_with_all_fields()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join("\n", Meta(8), Call(0.5, 101, "Worker-1", "q", "put", "1", "'a'"), Return(1, 101, "Worker-1", "q", "put")) + "\n");
        try
        {
            var trace = Trace.Load(path);
            Assert.That(trace.Events, Has.Count.EqualTo(3));
            Assert.That(trace.Warning, Is.Null);
            Assert.That(trace.Facts, Is.EqualTo(new TraceFacts(8, "cpython-3.12.0")));
            var call = trace.Events[1];
            Assert.That((call.Index, call.Pid, call.Proc, call.Ev, call.Obj, call.Op), Is.EqualTo((1, 101, "Worker-1", "call", "q", "put")));
            Assert.That(call.Args, Is.EqualTo(new[] { "1", "'a'" }));
            Assert.That(trace.Events[2].Result, Is.EqualTo("None"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_streams_the_same_events_as_Parse_even_for_lines_longer_than_a_read()
    {
        var text = string.Join("\n", Meta(), Print(1, 100, "MainProcess", new string('x', 200_000) + "é\n"), Call(2, 101, "Worker-1", "q", "put", "1")) + "\n";
        var loaded = WithFile(text, Trace.Load);
        var parsed = Trace.Parse(text, "x.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Events, Is.EqualTo(parsed.Events).Using<TraceEvent>(SameEvent));
            Assert.That(loaded.Events[1].Text, Has.Length.EqualTo(200_002));
            Assert.That(loaded.Warning, Is.Null);
        });
    }

    [Test]
    public void Load_skips_a_truncated_last_line_with_a_warning_naming_the_file()
    {
        string? path = null;
        var trace = WithFile(Meta() + "\n" + Print(1, 100, "MainProcess", "a\n") + "\n{\"t\": 12, \"pid\"", p =>
        {
            path = p;
            return Trace.Load(p);
        });

        Assert.Multiple(() =>
        {
            Assert.That(trace.Events, Has.Count.EqualTo(2));
            Assert.That(trace.Warning, Does.StartWith($"{path}:3: truncated last line"));
        });
    }

    [Test]
    public void Load_fails_on_a_malformed_middle_line_naming_path_and_line()
    {
        string? path = null;
        var e = Assert.Throws<TraceFormatException>(() => WithFile(Meta() + "\n{\"t\": 12, \"pid\"\n" + Print(1, 100, "MainProcess", "a\n") + "\n", p =>
        {
            path = p;
            return Trace.Load(p);
        }));

        Assert.That(e!.Message, Does.StartWith($"{path}:2: not valid JSON"));
    }

    [Test]
    public void Load_of_an_empty_file_has_no_events()
    {
        Assert.That(WithFile("", Trace.Load).Events, Is.Empty);
    }

    private static bool SameEvent(TraceEvent a, TraceEvent b) =>
        (a.Index, a.T, a.Pid, a.Proc, a.Ev, a.Obj, a.Op, a.Text, string.Join("|", a.Args ?? []))
        == (b.Index, b.T, b.Pid, b.Proc, b.Ev, b.Obj, b.Op, b.Text, string.Join("|", b.Args ?? []));

    private static T WithFile<T>(string text, Func<string, T> read)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, text);
        try
        {
            return read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_truncated_last_line_is_skipped_with_a_warning()
    {
        var trace = Trace.Parse(Meta() + "\n" + Print(1, 100, "MainProcess", "a\n") + "\n{\"t\": 12, \"pid\"", "run.jsonl");
        Assert.That(trace.Events, Has.Count.EqualTo(2));
        Assert.That(trace.Warning, Does.StartWith("run.jsonl:3: truncated last line"));
    }

    [Test]
    public void A_malformed_line_in_the_middle_names_path_and_line()
    {
        var text = Meta() + "\n{\"t\": 12, \"pid\"\n" + Print(1, 100, "MainProcess", "a\n") + "\n";
        var e = Assert.Throws<TraceFormatException>(() => Trace.Parse(text, "run.jsonl"));
        Assert.That(e!.Message, Does.StartWith("run.jsonl:2: not valid JSON"));
    }

    [Test]
    public void A_complete_last_line_missing_a_field_is_an_error()
    {
        var text = Meta() + "\n{\"t\": 12, \"pid\": 1, \"ev\": \"begin\"}\n";
        var e = Assert.Throws<TraceFormatException>(() => Trace.Parse(text, "run.jsonl"));
        Assert.That(e!.Message, Is.EqualTo("run.jsonl:2: missing 'proc'"));
    }

    [Test]
    public void An_unknown_event_kind_is_an_error()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceLines.Build(Line(0, 1, "MainProcess", "hop", [])));
        Assert.That(e!.Message, Does.Contain("test.jsonl:1: unknown ev 'hop'"));
    }

    [Test]
    public void Facts_without_a_meta_event_is_a_clear_error()
    {
        var trace = TraceLines.Build(Print(0, 100, "MainProcess", "x\n"));
        var e = Assert.Throws<TraceFormatException>(() => _ = trace.Facts);
        Assert.That(e!.Message, Does.Contain("no 'meta' event"));
    }

    [Test]
    public void Describe_names_index_process_pid_what_and_relative_time()
    {
        var trace = TraceLines.Build(Meta(), Call(1.2341, 4242, "Consumer-3", "tasks", "get"),
            Print(2, 100, "MainProcess", "Result: 0 * 0 = 0\n"), Return(3, 4242, "Consumer-3", "tasks", "get", "'x'"));
        Assert.Multiple(() =>
        {
            Assert.That(trace.Describe(trace.Events[1]), Is.EqualTo("#1 Consumer-3 (pid 4242) call tasks.get() at +1.234s"));
            Assert.That(trace.Describe(trace.Events[2]), Is.EqualTo("#2 MainProcess (pid 100) print 'Result: 0 * 0 = 0' at +2.000s"));
            Assert.That(trace.Describe(trace.Events[3]), Is.EqualTo("#3 Consumer-3 (pid 4242) return tasks.get() -> 'x' at +3.000s"));
        });
    }

    [Test]
    public void Fact_expressions_use_cpu_count_and_python_floor_division()
    {
        var facts = new TraceFacts(6, "cpython");
        long Eval(string json) => FactExpression.Evaluate(Conformance.Harness.Scenarios.Internal.RuleReader.Value(System.Text.Json.Nodes.JsonNode.Parse(json)), facts);
        Assert.Multiple(() =>
        {
            Assert.That(Eval("3"), Is.EqualTo(3));
            Assert.That(Eval("\"$cpu_count\""), Is.EqualTo(6));
            Assert.That(Eval("{\"mul\": [\"$cpu_count\", 2]}"), Is.EqualTo(12));
            Assert.That(Eval("{\"sub\": [{\"add\": [\"$cpu_count\", 1]}, 2]}"), Is.EqualTo(5));
            Assert.That(Eval("{\"floordiv\": [-7, 2]}"), Is.EqualTo(-4));
        });
        Assert.Throws<ArgumentException>(() => Eval("\"$ram\""));
    }
}
