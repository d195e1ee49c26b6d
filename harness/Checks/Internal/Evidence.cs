namespace Conformance.Harness.Checks.Internal;

/// <summary>Formats the events an invariant names in its detail, keeping messages short.</summary>
internal static class Evidence
{
    private const int Shown = 5;

    /// <summary>The events described one after another, at most five, then "and N more".</summary>
    public static string Events(Trace trace, IEnumerable<TraceEvent> events) => Items(events.Select(trace.Describe));

    /// <summary>Items joined with "; ", at most five, then "and N more".</summary>
    public static string Items(IEnumerable<string> items)
    {
        var all = items.ToList();
        var shown = string.Join("; ", all.Take(Shown));
        return all.Count > Shown ? $"{shown}; and {all.Count - Shown} more" : shown;
    }

    /// <summary>A pass summary such as "10 events, 4 processes".</summary>
    public static string Summary(IReadOnlyCollection<TraceEvent> events) =>
        $"{Plural(events.Count, "event")}, {Plural(events.Select(e => e.Pid).Distinct().Count(), "process", "processes")}";

    /// <summary>"1 event", "2 events".</summary>
    public static string Plural(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>Seconds as the details print them.</summary>
    public static string Seconds(double s) => s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + "s";
}
