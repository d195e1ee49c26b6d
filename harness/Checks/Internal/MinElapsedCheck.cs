using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks.Internal;

/// <summary><c>min_elapsed: {from, to, seconds}</c>: in each process, each <c>from</c> event is followed by its next <c>to</c> event no sooner than that.</summary>
internal static class MinElapsedCheck
{
    public static CheckResult Check(JsonNode body, Trace trace)
    {
        var from = EventSelector.Parse(body["from"]);
        var to = EventSelector.Parse(body["to"]);
        var seconds = body["seconds"]!.GetValue<double>();
        var froms = from.Select(trace);
        var tos = to.Select(trace);
        if (froms.Count == 0)
            return CheckResult.NoMatch(from);
        if (tos.Count == 0)
            return CheckResult.NoMatch(to);

        var pairs = froms
            .Select(f => (From: f, To: tos.FirstOrDefault(t => t.Pid == f.Pid && t.Index > f.Index)))
            .Where(p => p.To is not null)
            .Select(p => (p.From, To: p.To!, Elapsed: (p.To!.T - p.From.T) / 1e9))
            .ToList();
        if (pairs.Count == 0)
            return CheckResult.Fail($"no 'from' event was followed by a 'to' event in its own process: {Evidence.Events(trace, froms)}");
        var quick = pairs.Where(p => p.Elapsed < seconds).ToList();
        if (quick.Count > 0)
        {
            return CheckResult.Fail($"less than {Evidence.Seconds(seconds)}: " + Evidence.Items(quick.Select(p =>
                $"{trace.Describe(p.From)} -> #{p.To.Index} took {Evidence.Seconds(p.Elapsed)}")));
        }
        var processes = pairs.Select(p => p.From.Pid).Distinct().Count();
        return CheckResult.Pass(
            $"{Evidence.Plural(pairs.Count, "pair")} in {Evidence.Plural(processes, "process", "processes")}, shortest {Evidence.Seconds(pairs.Min(p => p.Elapsed))}");
    }
}
