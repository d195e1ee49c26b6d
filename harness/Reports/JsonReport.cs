using System.Text;
using System.Text.Json;
using Conformance.Harness.Running;

namespace Conformance.Harness.Reports;

/// <summary>The machine-readable report, a contract for tooling (snake_case names, verdicts as <see cref="VerdictNames"/>).</summary>
/// <remarks>
/// <c>{"schema_version": 2, "results": [{"scenario", "backend", "verdict", "duration_s", "slow", "runs": [{"verdict",
/// "duration_s", "sleeps_s", "overhead_s"}], "invariants": [{"name", "kind", "outcome": "pass"|"fail", "detail"}], "output": [lines],
/// "message": string|null}], "summary": {"total", and one count per verdict, '-' written '_'}, "coverage": [{"item",
/// "section", "tags": [letters], "deterministic", "summary", "status": "covered"|"uncoverable"|"uncovered",
/// "scenarios": [ids], "reason": string|null}]}</c>; results keep the order they were given in; <c>duration_s</c> of a
/// result is the sum of its runs'; <c>coverage</c> (every checklist item, in its order) is there when the suite has
/// the checklist, and counts only the scenarios of the run.
/// </remarks>
public static class JsonReport
{
    /// <summary>The report's format version: 2 added <c>schema_version</c>, <c>runs</c>, <c>slow</c> and the verdicts of stability and expectations.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Writes the report to <paramref name="path"/> (UTF-8, indented, LF).</summary>
    public static void Write(string path, IReadOnlyList<RunResult> results, Coverage? coverage = null)
    {
        using var stream = File.Create(path);
        Write(stream, results, coverage);
    }

    /// <summary>Writes the report to a stream; <paramref name="coverage"/>, when given, is written as the <c>coverage</c> array.</summary>
    public static void Write(Stream stream, IReadOnlyList<RunResult> results, Coverage? coverage = null)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" });
        json.WriteStartObject();
        json.WriteNumber("schema_version", SchemaVersion);
        json.WriteStartArray("results");
        foreach (var r in results)
            WriteResult(json, r);
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("total", results.Count);
        foreach (var verdict in Enum.GetValues<Verdict>())
            json.WriteNumber(verdict.ToWire().Replace('-', '_'), results.Count(r => r.Verdict == verdict));
        json.WriteEndObject();
        if (coverage is not null)
            WriteCoverage(json, coverage);
        json.WriteEndObject();
        json.Flush();
        stream.Write(Encoding.UTF8.GetBytes("\n"));
    }

    private static void WriteCoverage(Utf8JsonWriter json, Coverage coverage)
    {
        json.WriteStartArray("coverage");
        foreach (var e in coverage.Entries)
        {
            json.WriteStartObject();
            json.WriteString("item", e.Item.Id);
            json.WriteString("section", e.Item.Section);
            Strings(json, "tags", e.Item.Tags);
            json.WriteBoolean("deterministic", e.Item.Deterministic);
            json.WriteString("summary", e.Item.Summary);
            json.WriteString("status", e.Status);
            Strings(json, "scenarios", e.Scenarios);
            StringOrNull(json, "reason", e.UncoverableReason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, RunResult r)
    {
        json.WriteStartObject();
        json.WriteString("scenario", r.Scenario);
        json.WriteString("backend", r.Backend);
        json.WriteString("verdict", r.Verdict.ToWire());
        json.WriteNumber("duration_s", Math.Round(r.Duration.TotalSeconds, 3));
        json.WriteBoolean("slow", r.Slow);
        json.WriteStartArray("runs");
        foreach (var run in r.Runs)
        {
            json.WriteStartObject();
            json.WriteString("verdict", run.Verdict.ToWire());
            json.WriteNumber("duration_s", Math.Round(run.Duration.TotalSeconds, 3));
            json.WriteNumber("sleeps_s", Math.Round(run.Sleeps.TotalSeconds, 3));
            json.WriteNumber("overhead_s", Math.Round(run.Overhead.TotalSeconds, 3));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("invariants");
        foreach (var i in r.Invariants)
        {
            json.WriteStartObject();
            json.WriteString("name", i.Name);
            json.WriteString("kind", i.Kind);
            json.WriteString("outcome", i.Passed ? "pass" : "fail");
            json.WriteString("detail", i.Detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Strings(json, "output", r.Output);
        StringOrNull(json, "message", r.Message);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void StringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
