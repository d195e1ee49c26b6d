using System.Text;
using Conformance.Harness.Checks;

namespace Conformance.Harness.Snapshots;

/// <summary>Renders what a run is snapshotted as: its id, normalised output and invariant verdicts (never timings).</summary>
public static class SnapshotText
{
    /// <summary>How an empty output line is written, so that editors trimming trailing whitespace cannot change the file.</summary>
    public const string EmptyLine = "<empty>";

    private const string Indent = "  ";

    /// <summary>
    /// The snapshot text: LF line ends, exactly one final newline. <paramref name="stderr"/>, when the scenario asks
    /// for stderr lines (<c>output: {stderr: [...]}</c>), is a <c>stderr:</c> block after the output; null leaves it out.
    /// </summary>
    public static string Render(string scenarioId, IReadOnlyList<string> output, IReadOnlyList<InvariantOutcome> invariants,
        IReadOnlyList<string>? stderr = null)
    {
        var text = new StringBuilder();
        text.Append("scenario: ").Append(scenarioId).Append('\n');
        text.Append(output.Count == 0 ? "output: []\n" : "output:\n");
        foreach (var line in output)
            text.Append(Indent).Append(line.Length == 0 ? EmptyLine : Escape(line)).Append('\n');
        if (stderr is not null)
        {
            text.Append(stderr.Count == 0 ? "stderr: []\n" : "stderr:\n");
            foreach (var line in stderr)
                text.Append(Indent).Append(line.Length == 0 ? EmptyLine : Escape(line)).Append('\n');
        }
        text.Append(invariants.Count == 0 ? "invariants: []\n" : "invariants:\n");
        foreach (var i in invariants)
            text.Append(Indent).Append(i.Passed ? "pass" : "FAIL").Append(Indent).Append(i.Name).Append(" (").Append(i.Kind).Append(")\n");
        return text.ToString();
    }

    /// <summary>Control characters other than tab would be lost or altered by line-ending normalisation, so they are shown as <c>\xNN</c>.</summary>
    private static string Escape(string line)
    {
        if (!line.Any(c => char.IsControl(c) && c != '\t'))
            return line;
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (char.IsControl(c) && c != '\t')
                escaped.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }
}
