using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Checks.Internal;

namespace Conformance.Harness.Checks;

/// <summary>Builds the normalised transcript of a run (see docs/scenario-authors.md, "Output normalisation").</summary>
public static partial class Transcript
{
    /// <summary>The printed lines of every process in trace order, after the built-in scrubs and the scenario's <c>output</c> rules.</summary>
    public static IReadOnlyList<string> Normalise(JsonObject scenario, Trace trace)
    {
        var lines = Split(string.Concat(trace.Events.Where(e => e.Ev == "print").Select(e => e.Text)));
        var pids = PidTokens(trace);
        var pidPattern = pids.Count == 0
            ? null
            : Patterns.Regex(@"\b(?:" + string.Join("|", pids.Keys) + @")\b");
        lines = [.. lines.Select(l => Address().Replace(l, "0xADDR"))];
        if (pidPattern is not null)
            lines = [.. lines.Select(l => pidPattern.Replace(l, m => pids[m.Value]))];

        var output = scenario["output"] as JsonObject;
        foreach (var scrub in output?["scrub"]?.AsArray() ?? [])
            lines = Scrub(lines, scrub!.AsObject(), trace);
        foreach (var group in output?["sort"]?.AsArray() ?? [])
            lines = Sort(lines, Regexes(group));
        if (output?["collapse"] is { } collapse)
            lines = Collapse(lines, Regexes(collapse));
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

    private static List<string> Scrub(List<string> lines, JsonObject scrub, Trace trace)
    {
        if (scrub["regex"] is { } regex)
        {
            var pattern = Patterns.Regex(regex.GetValue<string>());
            var replacement = scrub["replace"]!.GetValue<string>();
            return [.. lines.Select(l => pattern.Replace(l, replacement))];
        }

        var value = FactExpression.Evaluate(scrub["value"], trace.Facts).ToString(CultureInfo.InvariantCulture);
        // Whole number only: a cpu count of 4 must not rewrite the 4 in 14 or 4.5.
        var number = Patterns.Regex(@"(?<![\w.])" + Regex.Escape(value) + @"(?![\w]|\.\d)");
        var token = scrub["token"]!.GetValue<string>();
        var scope = scrub["in"] is { } within ? Patterns.Regex(within.GetValue<string>()) : null;
        return [.. lines.Select(l => scope is null || scope.IsMatch(l) ? number.Replace(l, token.Replace("$", "$$")) : l)];
    }

    /// <summary>Sorts the lines matching any of the group's regexes among their own positions; others stay put.</summary>
    private static List<string> Sort(List<string> lines, List<Regex> group)
    {
        var positions = Enumerable.Range(0, lines.Count).Where(i => group.Any(r => r.IsMatch(lines[i]))).ToList();
        var sorted = positions.Select(i => lines[i]).Order(StringComparer.Ordinal).ToList();
        var result = new List<string>(lines);
        for (var k = 0; k < positions.Count; k++)
            result[positions[k]] = sorted[k];
        return result;
    }

    /// <summary>Folds runs of identical adjacent lines that match one of the regexes into one line.</summary>
    private static List<string> Collapse(List<string> lines, List<Regex> patterns)
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

    private static List<Regex> Regexes(JsonNode? list) => [.. list!.AsArray().Select(r => Patterns.Regex(r!.GetValue<string>()))];

    [GeneratedRegex("0x[0-9a-fA-F]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
