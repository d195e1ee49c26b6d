using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

/// <summary>
/// The invariant on a real trace: <c>Fixtures/linearizable-dict-get-set.cpython.jsonl</c> is the trace of one CPython
/// 3.11 run of scenarios/manager/linearizable-dict-get-set (four processes, 280 overlapping dict operations). It
/// passes as recorded; with one read changed to what a wrong runner or Manager would return (a value the same process
/// had already overwritten, as a proxy that caches, or a server that applies requests out of order, gives), it fails,
/// naming that read.
/// </summary>
public sealed class LinearizableRecordedTraceTests
{
    private static readonly string Fixture = Path.Combine(RepositoryRoot.Find(), "tests", "Conformance.Tests", "Checks", "Fixtures", "linearizable-dict-get-set.cpython.jsonl");

    private static InvariantOutcome Check(IEnumerable<string> lines) =>
        InvariantChecker.Check(Invariants("""{"invariants": [{"name": "lin", "linearizable": {"obj": "d", "model": "dict"}}]}"""),
            Trace.Parse(string.Join("\n", lines) + "\n", "fixture.jsonl"))[0];

    [Test]
    public void The_recorded_cpython_run_is_linearizable()
    {
        var o = Check(File.ReadLines(Fixture));
        Assert.That(o.Passed, Is.True, o.Detail);
        Assert.That(o.Detail, Does.StartWith("281 operations by 5 processes linearizable (checked whole, "));
    }

    [Test]
    public void A_stale_read_put_into_it_is_found()
    {
        var lines = File.ReadAllLines(Fixture);
        var events = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        // The last d['a'] read that follows its own process's d['a'] = v (v = 100 * w + i with i > 0): make it return
        // v - 1, the value that process wrote one round before, which its own later write had replaced.
        var (read, stale) = (-1, "");
        for (var i = 0; i < events.Count; i++)
        {
            if (Str(events[i], "ev") != "return" || Str(events[i], "op") != "__getitem__" || Str(events[i], "obj") != "d")
                continue;
            var pid = events[i]["pid"]!.GetValue<int>();
            var mine = events.Take(i).Where(e => e["pid"]!.GetValue<int>() == pid && Str(e, "obj") == "d").ToList();
            var write = mine.LastOrDefault(e => Str(e, "ev") == "call" && Str(e, "op") == "__setitem__");
            if (write?["args"] is JsonArray { Count: 2 } args && args[0]!.GetValue<string>() == "'a'" && int.Parse(args[1]!.GetValue<string>()) % 100 > 0)
                (read, stale) = (i, (int.Parse(args[1]!.GetValue<string>()) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.That(read, Is.GreaterThan(0), "the fixture has a read after a write of its own process");
        events[read]["result"] = stale;

        var o = Check(events.Select(e => e.ToJsonString()));
        TestContext.Progress.WriteLine(o.Detail);
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("not linearizable: after the longest linearizable prefix of "));
        Assert.That(o.Detail, Does.Contain($"d.__getitem__('a') -> {stale} (#"));
        Assert.That(o.Detail, Does.Contain($"..#{read}): there the dict model's state is "));
    }

    private static string? Str(JsonObject o, string key) => o[key]?.GetValue<string>();
}
