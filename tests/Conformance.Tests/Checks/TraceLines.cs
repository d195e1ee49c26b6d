using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Tests.Checks;

/// <summary>Builds small JSONL traces by hand: times in seconds, pid 100 is MainProcess by default.</summary>
internal static class TraceLines
{
    public static string Meta(int cpuCount = 4) =>
        Line(0, 100, "MainProcess", "meta", new JsonObject { ["backend"] = "cpython-3.12.0", ["cpu_count"] = cpuCount });

    public static string Print(double t, int pid, string proc, string text) =>
        Line(t, pid, proc, "print", new JsonObject { ["text"] = text });

    public static string Call(double t, int pid, string proc, string obj, string op, params string[] args) =>
        Line(t, pid, proc, "call", new JsonObject
        {
            ["obj"] = obj, ["type"] = "Lock", ["op"] = op, ["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]),
        });

    public static string Return(double t, int pid, string proc, string obj, string op, string result = "None") =>
        Line(t, pid, proc, "return", new JsonObject { ["obj"] = obj, ["type"] = "Lock", ["op"] = op, ["result"] = result });

    public static string Raise(double t, int pid, string proc, string obj, string op, string error) =>
        Line(t, pid, proc, "raise", new JsonObject { ["obj"] = obj, ["type"] = "Queue", ["op"] = op, ["error"] = error, ["message"] = "" });

    public static string Begin(double t, int pid, string proc) => Line(t, pid, proc, "begin", []);

    public static string Line(double t, int pid, string proc, string ev, JsonObject extra)
    {
        var o = new JsonObject { ["t"] = (long)(1_000_000_000_000 + t * 1e9), ["pid"] = pid, ["proc"] = proc, ["ev"] = ev };
        foreach (var (k, v) in extra.ToList())
        {
            extra.Remove(k);
            o[k] = v;
        }
        return o.ToJsonString();
    }

    public static Trace Build(params string[] lines) => Trace.Parse(string.Join("\n", lines) + "\n", "test.jsonl");

    /// <summary>The typed invariants of a document fragment such as <c>{"invariants": [...]}</c>, as the loader parses them once validated.</summary>
    public static IReadOnlyList<Invariant> Invariants(string json) => RuleReader.Invariants(JsonNode.Parse(json)!["invariants"]);

    /// <summary>The typed output rules of a document fragment such as <c>{"output": {...}}</c>.</summary>
    public static OutputRules Output(string json) => RuleReader.Output(JsonNode.Parse(json)!["output"]);
}
