using System.Globalization;
using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using static Conformance.Tests.Checks.TraceLines;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Conformance.Tests.Checks;

/// <summary>
/// Long histories of four processes, made by simulating a shared object that is linearizable by construction: each
/// operation takes effect on a plain C# dictionary or list at one moment between its call and its return, the four
/// processes interleaved at random. The check must decide them (linearizable), and one changed result (not).
/// Times are printed, never asserted.
/// </summary>
public sealed class LinearizableScaleTests
{
    private const int Processes = 4;
    private const int Operations = 1_000;

    // A dict's keys are checked one by one, so a wrong read is found even at the end. A list is one state whose item
    // order depends on every pair of overlapping appends nobody read between: ruling out every order of 1,000
    // operations is past the bound (undecided, in under a second), so its wrong read is an early one.
    [TestCase("dict", 1, -1)]
    [TestCase("dict", 2, -1)]
    [TestCase("list", 1, 2)]
    [TestCase("list", 2, 2)]
    public void A_thousand_operations_of_four_processes_are_decided(string model, int seed, int wrongRead)
    {
        var lines = Simulate(model, seed, out var reads);
        var clock = Stopwatch.StartNew();
        var o = Check(model, lines);
        TestContext.Progress.WriteLine($"{model} seed {seed}: {clock.Elapsed.TotalMilliseconds:0} ms: {o.Detail}");
        Assert.That(o.Passed, Is.True, o.Detail);
        Assert.That(o.Detail, Does.StartWith($"{Operations} operations by {Processes} processes linearizable"));

        // One read returns something else: 1999, which nobody ever wrote.
        var last = wrongRead < 0 ? reads[^1] : reads[wrongRead];
        var changed = JsonNode.Parse(lines[last])!.AsObject();
        changed["result"] = "1999";
        lines[last] = changed.ToJsonString();
        clock.Restart();
        var bad = Check(model, lines);
        TestContext.Progress.WriteLine($"{model} seed {seed}, one read changed: {clock.Elapsed.TotalMilliseconds:0} ms, peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB: {bad.Detail}");
        Assert.That(bad.Passed, Is.False);
        Assert.That(bad.Detail, Does.StartWith("not linearizable"));
        Assert.That(bad.Detail, Does.Contain($"-> 1999 (#"));
    }

    private static InvariantOutcome Check(string model, IEnumerable<string> lines) =>
        InvariantChecker.Check(Invariants($$$"""{"invariants": [{"name": "lin", "linearizable": {"obj": "x", "model": "{{{model}}}"}}]}"""),
            Trace.Parse(string.Join("\n", [Meta(), .. lines]) + "\n", "simulated.jsonl"))[0];

    /// <summary>
    /// The lines of a simulated run; <paramref name="reads"/> are the positions (in the returned list) of returns of
    /// reads whose result is an int. Dict: get, __setitem__, pop with a default, __contains__ on three keys. List:
    /// append, l[-1] (IndexError when empty), __len__.
    /// </summary>
    private static List<string> Simulate(string model, int seed, out List<int> reads)
    {
        var random = new Random(seed);
        var dict = new Dictionary<string, int>();
        var list = new List<int>();
        var lines = new List<string>();
        reads = [];
        var phase = new int[Processes];
        var done = new int[Processes];
        var pending = new (string Op, string[] Args, string? Result, string? Error)[Processes];
        var next = 0;
        while (done.Any(d => d < Operations / Processes))
        {
            var p = random.Next(Processes);
            if (done[p] == Operations / Processes)
                continue;
            var (proc, pid) = ($"Process-{p + 1}", 201 + p);
            switch (phase[p])
            {
                case 0:
                    var key = "'" + "abc"[random.Next(3)] + "'";
                    var value = (next++).ToString(CultureInfo.InvariantCulture);
                    pending[p] = model == "dict"
                        ? random.Next(4) switch
                        {
                            0 => ("get", [key], null, null),
                            1 => ("__setitem__", [key, value], null, null),
                            2 => ("pop", [key, "None"], null, null),
                            _ => ("__contains__", [key], null, null),
                        }
                        : random.Next(3) switch
                        {
                            0 => ("append", [value], null, null),
                            1 => ("__getitem__", ["-1"], null, null),
                            _ => ("__len__", [], null, null),
                        };
                    lines.Add(Line(0, pid, proc, "call", new JsonObject
                    {
                        ["obj"] = "x", ["type"] = "Proxy", ["op"] = pending[p].Op, ["args"] = new JsonArray([.. pending[p].Args.Select(a => (JsonNode)a)]),
                    }));
                    break;
                case 1:
                    // The moment the operation takes effect: the one real state, as a server applies a request.
                    var (op, args, _, _) = pending[p];
                    var k = args.Length > 0 ? args[0] : "";
                    pending[p] = (op, args, null, null);
                    switch (op)
                    {
                        case "get":
                            pending[p].Result = dict.TryGetValue(k, out var g) ? g.ToString(CultureInfo.InvariantCulture) : "None";
                            break;
                        case "__setitem__":
                            dict[k] = int.Parse(args[1], CultureInfo.InvariantCulture);
                            pending[p].Result = "None";
                            break;
                        case "pop":
                            pending[p].Result = dict.Remove(k, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "None";
                            break;
                        case "__contains__":
                            pending[p].Result = dict.ContainsKey(k) ? "True" : "False";
                            break;
                        case "append":
                            list.Add(int.Parse(args[0], CultureInfo.InvariantCulture));
                            pending[p].Result = "None";
                            break;
                        case "__getitem__":
                            if (list.Count == 0)
                                pending[p].Error = "IndexError";
                            else
                                pending[p].Result = list[^1].ToString(CultureInfo.InvariantCulture);
                            break;
                        default:
                            pending[p].Result = list.Count.ToString(CultureInfo.InvariantCulture);
                            break;
                    }
                    break;
                default:
                    var ended = pending[p];
                    if (ended.Op is "get" or "pop" or "__getitem__" && ended.Result is not (null or "None"))
                        reads.Add(lines.Count);
                    lines.Add(ended.Error is { } error
                        ? Line(0, pid, proc, "raise", new JsonObject { ["obj"] = "x", ["type"] = "Proxy", ["op"] = ended.Op, ["error"] = error, ["message"] = "" })
                        : Line(0, pid, proc, "return", new JsonObject { ["obj"] = "x", ["type"] = "Proxy", ["op"] = ended.Op, ["result"] = ended.Result }));
                    done[p]++;
                    break;
            }
            phase[p] = (phase[p] + 1) % 3;
        }
        return lines;
    }
}
