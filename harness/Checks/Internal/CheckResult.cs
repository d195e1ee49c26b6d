using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary>What one invariant kind concluded, before it is named.</summary>
internal readonly record struct CheckResult(bool Passed, string Detail)
{
    /// <summary>The trace indices of the events a failure names (the HTML report highlights them); empty on a pass.</summary>
    public IReadOnlyList<int> Events { get; init; } = [];

    /// <summary>A failure that names <paramref name="events"/>.</summary>
    public static CheckResult Fail(string detail, IEnumerable<TraceEvent> events) =>
        new(false, detail) { Events = [.. events.Select(e => e.Index).Distinct().Order()] };

    public static CheckResult Pass(string detail) => new(true, detail);

    public static CheckResult Fail(string detail) => new(false, detail);

    /// <summary>The failure for a selector that matched nothing: an invariant never passes vacuously.</summary>
    public static CheckResult NoMatch(EventSelector selector) => Fail($"no event matched {selector}");
}
