using System.Text.Json;

namespace Conformance.Harness.Running;

/// <summary>
/// The children of a run that died of a signal no process of the run sent them (a segfault, a kill from outside),
/// read from the run's exits ledger (<c>CONFORMANCE_EXITS</c>, docs/backend-authors.md). Deaths the scenario caused
/// (terminate, kill, a pool's terminate, daemons terminated at exit) are its data and are not listed.
/// </summary>
internal static class ChildDeaths
{
    /// <summary>
    /// Every child whose reaped exit code is -N with no <c>signal</c> line for that child and N before or after it, in
    /// ledger order. Torn lines (a process killed mid-write) and lines that are not records are ignored.
    /// </summary>
    public static List<ChildDeath> Unasked(string ledgerPath)
    {
        if (!File.Exists(ledgerPath))
            return [];
        var sent = new HashSet<(int Child, int Signal)>();
        var deaths = new List<ChildDeath>();
        foreach (var line in File.ReadLines(ledgerPath))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !Int(root, "pid", out var parent) || !Int(root, "child", out var child)
                    || !root.TryGetProperty("op", out var op))
                    continue;
                var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : $"pid {child}";
                if (op.ValueEquals("signal") && Int(root, "signal", out var signal))
                    sent.Add((child, signal));
                else if (op.ValueEquals("exit") && Int(root, "exitcode", out var code) && code < 0)
                    deaths.Add(new ChildDeath(parent, child, name, -code));
            }
            catch (JsonException)
            {
                // A torn line: its process was killed while writing it.
            }
        }
        return deaths.Where(d => !sent.Contains((d.Pid, d.Signal))).ToList();
    }

    private static bool Int(JsonElement root, string name, out int value)
    {
        value = 0;
        return root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out value);
    }
}
