using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>count: {of, equals | at_least | at_most}</c>: how many events match.</summary>
internal static class CountCheck
{
    private static readonly (string Key, string Words, Func<long, long, bool> Holds)[] Bounds =
    [
        ("equals", "exactly", (n, v) => n == v),
        ("at_least", "at least", (n, v) => n >= v),
        ("at_most", "at most", (n, v) => n <= v),
    ];

    public static CheckResult Check(JsonNode body, Trace trace)
    {
        var of = EventSelector.Parse(body["of"]);
        var events = of.Select(trace);
        var bounds = Bounds
            .Where(b => body[b.Key] is not null)
            .Select(b => (b.Words, b.Holds, Value: FactExpression.Evaluate(body[b.Key], trace.Facts)))
            .ToList();

        // Zero matches is a claim only when the scenario says so with equals: 0; otherwise it is a selector that missed.
        if (events.Count == 0 && !(bounds is [{ Words: "exactly", Value: 0 }]))
            return CheckResult.NoMatch(of);
        var broken = bounds.Where(b => !b.Holds(events.Count, b.Value)).ToList();
        if (broken.Count == 0)
            return CheckResult.Pass(Evidence.Summary(events));
        var expected = string.Join(" and ", broken.Select(b => $"{b.Words} {b.Value}"));
        var which = events.Count == 0 ? "" : $": {Evidence.Events(trace, events)}";
        return CheckResult.Fail($"{Evidence.Plural(events.Count, "event")} matched, expected {expected}{which}");
    }
}
