using System.Globalization;
using System.Text.RegularExpressions;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Checks;

/// <summary>Builds the normalised transcript of a run (see docs/scenario-authors.md, "Output normalisation").</summary>
public static partial class Transcript
{
    /// <summary>The printed lines of every process in trace order, after the built-in scrubs and the scenario's <c>output</c> rules.</summary>
    public static IReadOnlyList<string> Normalise(OutputRules rules, Trace trace)
    {
        var lines = Split(string.Concat(trace.Events.Where(e => e.Ev == "print").Select(e => e.Text)));
        var pids = PidTokens(trace);
        var pidPattern = pids.Count == 0
            ? null
            : Patterns.Regex(@"\b(?:" + string.Join("|", pids.Keys) + @")\b");
        lines = [.. lines.Select(l => Address().Replace(l, "0xADDR"))];
        if (pidPattern is not null)
            lines = [.. lines.Select(l => pidPattern.Replace(l, m => pids[m.Value]))];

        foreach (var scrub in rules.Scrubs)
            lines = Apply(lines, scrub, trace);
        foreach (var group in rules.SortGroups)
            lines = Sort(lines, group);
        if (rules.Collapse.Count > 0)
            lines = Collapse(lines, rules.Collapse);
        return lines;
    }

    /// <summary>Splits on "\n": a final newline ends the last line rather than starting an empty one.</summary>
    private static List<string> Split(string text)
    {
        if (text.Length == 0)
            return [];
        var lines = text.Split('\n').ToList();
        if (text.EndsWith('\n'))
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Every pid in the trace, numbered by first appearance, so runs on different machines read the same.</summary>
    private static Dictionary<string, string> PidTokens(Trace trace)
    {
        var tokens = new Dictionary<string, string>();
        foreach (var e in trace.Events)
            tokens.TryAdd(e.Pid.ToString(CultureInfo.InvariantCulture), $"Pid_{tokens.Count + 1}");
        return tokens;
    }

    private static List<string> Apply(List<string> lines, Scrub scrub, Trace trace)
    {
        if (scrub is Scrub.Pattern pattern)
            return [.. lines.Select(l => pattern.Regex.Replace(l, pattern.Replacement))];

        var number = (Scrub.Number)scrub;
        var value = FactExpression.Evaluate(number.Value, trace.Facts).ToString(CultureInfo.InvariantCulture);
        // Whole number only: a cpu count of 4 must not rewrite the 4 in 14 or 4.5.
        var whole = Patterns.Regex(@"(?<![\w.])" + Regex.Escape(value) + @"(?![\w]|\.\d)");
        var token = number.Token.Replace("$", "$$", StringComparison.Ordinal);
        return [.. lines.Select(l => number.In is null || number.In.IsMatch(l) ? whole.Replace(l, token) : l)];
    }

    /// <summary>Sorts the lines matching any of the group's regexes among their own positions; others stay put.</summary>
    private static List<string> Sort(List<string> lines, IReadOnlyList<Regex> group)
    {
        var positions = Enumerable.Range(0, lines.Count).Where(i => group.Any(r => r.IsMatch(lines[i]))).ToList();
        var sorted = positions.Select(i => lines[i]).Order(StringComparer.Ordinal).ToList();
        var result = new List<string>(lines);
        for (var k = 0; k < positions.Count; k++)
            result[positions[k]] = sorted[k];
        return result;
    }

    /// <summary>Folds runs of identical adjacent lines that match one of the regexes into one line.</summary>
    private static List<string> Collapse(List<string> lines, IReadOnlyList<Regex> patterns)
    {
        var result = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (result.Count > 0 && result[^1] == line && patterns.Any(r => r.IsMatch(line)))
                continue;
            result.Add(line);
        }
        return result;
    }

    [GeneratedRegex("0x[0-9a-fA-F]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
