using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks.Internal;

/// <summary>Reads one JSONL line into a <see cref="TraceEvent"/>, checking the fields the format requires.</summary>
internal static class TraceLineParser
{
    private static readonly HashSet<string> Kinds =
        ["meta", "print", "call", "return", "raise", "begin", "end", "crash", "task_begin", "task_end"];

    /// <summary>Parses <paramref name="line"/> as the event at <paramref name="index"/>.</summary>
    public static TraceEvent Parse(string line, int index)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(line) as JsonObject
                ?? throw new TraceLineException("expected a JSON object", truncated: false);
        }
        catch (JsonException e)
        {
            throw new TraceLineException($"not valid JSON: {e.Message}", truncated: true, e);
        }

        var ev = Required<string>(o, "ev");
        if (!Kinds.Contains(ev))
            throw new TraceLineException($"unknown ev '{ev}'; expected one of {string.Join(", ", Kinds)}", false);
        var parsed = new TraceEvent(
            index,
            Required<long>(o, "t"),
            Required<int>(o, "pid"),
            Required<string>(o, "proc"),
            ev,
            Optional<string>(o, "obj"),
            Optional<string>(o, "type"),
            Optional<string>(o, "op"),
            Args(o),
            Optional<string>(o, "result"),
            Optional<string>(o, "text"),
            Optional<string>(o, "error"),
            Optional<string>(o, "message"),
            Optional<string>(o, "backend"),
            Optional<int?>(o, "cpu_count"),
            Optional<string>(o, "fn"),
            Optional<long?>(o, "chunk"));
        if (ev == "print" && parsed.Text is null)
            throw new TraceLineException("a print event needs 'text'", false);
        if (ev == "meta" && (parsed.CpuCount is null || parsed.Backend is null))
            throw new TraceLineException("a meta event needs 'backend' and 'cpu_count'", false);
        if (ev is "call" or "return" or "raise" && (parsed.Obj is null || parsed.Op is null))
            throw new TraceLineException($"a {ev} event needs 'obj' and 'op'", false);
        if (ev is "task_begin" or "task_end" && (parsed.Fn is null || parsed.Chunk is null || parsed.Args is null))
            throw new TraceLineException($"a {ev} event needs 'fn', 'args' and 'chunk'", false);
        return parsed;
    }

    private static T Required<T>(JsonObject o, string name) =>
        o[name] is null
            ? throw new TraceLineException($"missing '{name}'", false)
            : Optional<T>(o, name)!;

    private static T? Optional<T>(JsonObject o, string name)
    {
        try
        {
            return o[name] is null ? default : o[name]!.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new TraceLineException($"'{name}' has the wrong type: {o[name]!.ToJsonString()}", false, e);
        }
    }

    private static string[]? Args(JsonObject o)
    {
        if (o["args"] is null)
            return null;
        if (o["args"] is not JsonArray a || a.Any(x => x is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            throw new TraceLineException("'args' must be a list of repr strings", false);
        return [.. a.Select(x => x!.GetValue<string>())];
    }
}
