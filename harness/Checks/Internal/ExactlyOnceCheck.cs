using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>exactly_once: {of, capture, values}</c>: a capture group of the matching prints (or pool task lines) takes each value exactly once.</summary>
internal static class ExactlyOnceCheck
{
    public static CheckResult Check(ExactlyOnceInvariant invariant, Trace trace)
    {
        var of = invariant.Of;
        if (of.Text is null)
            return CheckResult.Fail($"the selector {of} has no text regex to capture from");
        var group = invariant.Group;
        var expected = Values(invariant.Values, trace);
        var events = of.Select(trace);
        if (events.Count == 0)
            return CheckResult.NoMatch(of);

        var matched = events.Select(e => (Event: e, Group: of.Text.Match(Selection.MatchedLine(e) ?? "").Groups[group])).ToList();
        var captured = matched
            .Where(m => m.Group.Success)
            .GroupBy(m => m.Group.Value, m => m.Event)
            .ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        var named = new List<TraceEvent>();
        var missing = expected.Where(v => !captured.ContainsKey(v)).ToList();
        if (missing.Count > 0)
            problems.Add($"never seen: {Evidence.Items(missing.Select(Quote))}");
        if (matched.Where(m => !m.Group.Success).Select(m => m.Event).ToList() is { Count: > 0 } uncaptured)
        {
            named.AddRange(uncaptured);
            problems.Add($"group {group} did not take part in {Evidence.Events(trace, uncaptured)}");
        }
        foreach (var (value, seen) in captured)
        {
            if (!expected.Contains(value))
            {
                named.AddRange(seen);
                problems.Add($"unexpected {Quote(value)} in {Evidence.Events(trace, seen)}");
            }
            else if (seen.Count > 1)
            {
                named.AddRange(seen);
                problems.Add($"{Quote(value)} seen {seen.Count} times: {Evidence.Events(trace, seen)}");
            }
        }
        return problems.Count == 0
            ? CheckResult.Pass($"{Evidence.Plural(expected.Count, "value")} each once in {Evidence.Summary(events)}")
            : CheckResult.Fail(string.Join("; ", problems), named);
    }

    /// <summary>The expected values as text: the literals, or Python's range (ends may use <c>$cpu_count</c>).</summary>
    private static List<string> Values(ExpectedValues values, Trace trace)
    {
        if (values is ExpectedValues.Listed listed)
            return [.. listed.Values];
        var range = (ExpectedValues.Range)values;
        var start = range.Start is null ? 0 : FactExpression.Evaluate(range.Start, trace.Facts);
        var stop = FactExpression.Evaluate(range.Stop, trace.Facts);
        var result = new List<string>();
        for (var v = start; v < stop; v++)
            result.Add(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result;
    }

    private static string Quote(string s) => $"'{s}'";
}
