using System.Text;
using Conformance.Harness.Snapshots.Internal;

namespace Conformance.Harness.Snapshots;

/// <summary>A unified line diff (<c>--- verified</c> / <c>+++ received</c>, three lines of context), as <c>diff -u</c> prints it.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff from <paramref name="expected"/> to <paramref name="actual"/>; empty when they are equal.</summary>
    /// <param name="expected">The old text.</param>
    /// <param name="actual">The new text.</param>
    /// <param name="oldLabel">The <c>---</c> line's name for the old text.</param>
    /// <param name="newLabel">The <c>+++</c> line's name for the new text.</param>
    public static string Create(string expected, string actual, string oldLabel = "verified", string newLabel = "received")
    {
        if (expected == actual)
            return "";
        var ops = MyersDiff.Diff(Lines(expected), Lines(actual));
        var text = new StringBuilder($"--- {oldLabel}\n+++ {newLabel}\n");
        foreach (var (start, end) in Hunks(ops))
        {
            var oldLength = 0;
            var newLength = 0;
            for (var i = start; i < end; i++)
            {
                oldLength += ops[i].Kind == '+' ? 0 : 1;
                newLength += ops[i].Kind == '-' ? 0 : 1;
            }
            text.Append($"@@ -{Range(ops[start].Old, oldLength)} +{Range(ops[start].New, newLength)} @@\n");
            for (var i = start; i < end;)
            {
                var block = i + 1;
                while (ops[i].Kind != ' ' && block < end && ops[block].Kind != ' ')
                    block++;
                // Within a change, all removed lines come before the added ones, as diff -u shows them.
                foreach (var op in ops[i..block].Where(o => o.Kind != '+').Concat(ops[i..block].Where(o => o.Kind == '+')))
                    Append(text, op);
                i = block;
            }
        }
        return text.ToString();
    }

    /// <summary>Lines with their terminators, so a missing final newline is a difference too.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    /// <summary>[start, end) op ranges: each change with its context, neighbours merged when their contexts touch.</summary>
    private static List<(int Start, int End)> Hunks(List<DiffOp> ops)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Kind == ' ')
                continue;
            var start = Math.Max(0, i - Context);
            var end = Math.Min(ops.Count, i + 1 + Context);
            if (hunks.Count > 0 && start <= hunks[^1].End)
                hunks[^1] = (hunks[^1].Start, end);
            else
                hunks.Add((start, end));
        }
        return hunks;
    }

    private static void Append(StringBuilder text, DiffOp op)
    {
        text.Append(op.Kind).Append(op.Line);
        if (!op.Line.EndsWith('\n'))
            text.Append("\n\\ No newline at end of file\n");
    }

    private static string Range(int start, int length) => length switch
    {
        0 => $"{start},0",
        1 => $"{start + 1}",
        _ => $"{start + 1},{length}",
    };
}
