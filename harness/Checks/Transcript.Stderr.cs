namespace Conformance.Harness.Checks;

/// <summary>The <c>stderr</c> block of a snapshot (docs/scenario-authors.md, "Output normalisation").</summary>
public static partial class Transcript
{
    /// <summary>
    /// The lines of the run's stderr that match one of the scenario's <c>stderr</c> regexes, in the order they were
    /// written, with the built-in scrubs (addresses, the trace's pids) and the scenario's <c>scrub</c> entries applied:
    /// what CPython pins there (a child's <c>Process Process-1:</c> header, <c>Traceback (most recent call last):</c>,
    /// the <c>ValueError: boom</c> line, <c>sys.exit('text')</c>'s text), never the frames, which name each runtime's own
    /// code. Empty when the scenario asks for none.
    /// </summary>
    public static IReadOnlyList<string> Stderr(Scenarios.OutputRules rules, string stderr, Trace trace)
    {
        if (rules.Stderr.Count == 0)
            return [];
        var lines = Split(stderr.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Where(l => rules.Stderr.Any(r => r.IsMatch(l)))
            .Select(l => Address().Replace(l, "0xADDR"))
            .ToList();
        var pids = PidTokens(trace);
        if (pids.Count > 0)
        {
            var pidPattern = Scenarios.Internal.Patterns.Regex(@"\b(?:" + string.Join("|", pids.Keys) + @")\b");
            lines = [.. lines.Select(l => pidPattern.Replace(l, m => pids[m.Value]))];
        }
        foreach (var scrub in rules.Scrubs)
            lines = Apply(lines, scrub, trace);
        return lines;
    }
}
