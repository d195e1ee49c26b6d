using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>exactly_once: {of, capture, values}</c>: a capture group of the matching prints takes each value exactly once.</summary>
internal static class ExactlyOnceCheck
{
    public static CheckResult Check(JsonNode body, Trace trace)
    {
        var of = EventSelector.Parse(body["of"]);
        if (of.Text is null)
            return CheckResult.Fail($"the selector {of} has no text regex to capture from");
        var group = body["capture"] is { } c && c.GetValueKind() == JsonValueKind.String
            ? c.GetValue<string>()
            : (body["capture"]?.GetValue<int>() ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expected = Values(body["values"], trace);
        var events = of.Select(trace);
        if (events.Count == 0)
            return CheckResult.NoMatch(of);

        var matched = events.Select(e => (Event: e, Group: of.Text.Match(EventSelector.PrintedLine(e)).Groups[group])).ToList();
        var captured = matched
            .Where(m => m.Group.Success)
            .GroupBy(m => m.Group.Value, m => m.Event)
            .ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        var missing = expected.Where(v => !captured.ContainsKey(v)).ToList();
        if (missing.Count > 0)
            problems.Add($"never seen: {Evidence.Items(missing.Select(Quote))}");
        if (matched.Where(m => !m.Group.Success).Select(m => m.Event).ToList() is { Count: > 0 } uncaptured)
            problems.Add($"group {group} did not take part in {Evidence.Events(trace, uncaptured)}");
        foreach (var (value, seen) in captured)
        {
            if (!expected.Contains(value))
                problems.Add($"unexpected {Quote(value)} in {Evidence.Events(trace, seen)}");
            else if (seen.Count > 1)
                problems.Add($"{Quote(value)} seen {seen.Count} times: {Evidence.Events(trace, seen)}");
        }
        return problems.Count == 0
            ? CheckResult.Pass($"{Evidence.Plural(expected.Count, "value")} each once in {Evidence.Summary(events)}")
            : CheckResult.Fail(string.Join("; ", problems));
    }

    /// <summary>A list of literals, or <c>{range: [start, stop]}</c> (Python's range; ends may use <c>$cpu_count</c>).</summary>
    private static List<string> Values(JsonNode? values, Trace trace) => values switch
    {
        JsonArray list => [.. list.Select(Literal)],
        JsonObject o when o["range"] is JsonArray { Count: 1 or 2 } r => Range(r, trace),
        _ => throw new ArgumentException(
            $"exactly_once values must be a list of literals or {{range: [start, stop]}}, got {values?.ToJsonString() ?? "null"}"),
    };

    private static List<string> Range(JsonArray r, Trace trace)
    {
        var ends = r.Select(x => FactExpression.Evaluate(x, trace.Facts)).ToList();
        var (start, stop) = ends.Count == 1 ? (0, ends[0]) : (ends[0], ends[1]);
        var values = new List<string>();
        for (var v = start; v < stop; v++)
            values.Add(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    private static string Literal(JsonNode? x) =>
        x is JsonValue v && v.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "null";

    private static string Quote(string s) => $"'{s}'";
}
