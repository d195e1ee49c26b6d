using System.Text;
using DiffPlex;
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
        var ops = EditScript(expected, actual);
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
            for (var i = start; i < end; i++)
                Append(text, ops[i]);
        }
        return text.ToString();
    }

    /// <summary>DiffPlex's edit script as keep/delete/insert steps, each change's deletions before its insertions, as diff -u shows them.</summary>
    /// <remarks>
    /// Myers' algorithm (DiffPlex's) costs time in proportion to (lines × edits): two different 100,000-line snapshots
    /// took 36 s. When the lines one side lacks already prove that cost exceeds <see cref="EditBudget"/>, the
    /// differing middle is shown as one replacement instead: still a correct diff, near minimal since most of it must change.
    /// </remarks>
    private static List<DiffOp> EditScript(string expected, string actual)
    {
        var a = KeepEndingsChunker.Instance.Chunk(expected);
        var b = KeepEndingsChunker.Instance.Chunk(actual);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
            prefix++;
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
            suffix++;
        var middle = (long)(a.Count - prefix - suffix) + (b.Count - prefix - suffix);
        if (middle * Unmatched(a, b, prefix, suffix) > EditBudget)
            return Replacement(a, b, prefix, suffix);
        var result = Differ.Instance.CreateDiffs(expected, actual, ignoreWhiteSpace: false, ignoreCase: false, KeepEndingsChunker.Instance);
        var ops = new List<DiffOp>(Math.Max(a.Count, b.Count));
        int x = 0, y = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; x < block.DeleteStartA; x++, y++)
                ops.Add(new DiffOp(' ', x, y, a[x]));
            for (var i = 0; i < block.DeleteCountA; i++, x++)
                ops.Add(new DiffOp('-', x, y, a[x]));
            for (var i = 0; i < block.InsertCountB; i++, y++)
                ops.Add(new DiffOp('+', x, y, b[y]));
        }
        for (; x < a.Count; x++, y++)
            ops.Add(new DiffOp(' ', x, y, a[x]));
        return ops;
    }

    /// <summary>About a second of Myers' work (lines × edits); beyond it a diff is for a human who wants it now.</summary>
    private const long EditBudget = 1_000_000_000;

    /// <summary>Lines of the middles with no equal partner on the other side: a lower bound on the edits.</summary>
    private static long Unmatched(IReadOnlyList<string> a, IReadOnlyList<string> b, int prefix, int suffix)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = prefix; i < a.Count - suffix; i++)
            counts[a[i]] = counts.GetValueOrDefault(a[i]) + 1;
        long unmatched = 0;
        for (var i = prefix; i < b.Count - suffix; i++)
        {
            if (counts.GetValueOrDefault(b[i]) > 0)
                counts[b[i]]--;
            else
                unmatched++;
        }
        return unmatched + counts.Values.Sum(c => (long)c);
    }

    /// <summary>Keep the common prefix and suffix; delete the rest of <paramref name="a"/>, insert the rest of <paramref name="b"/>.</summary>
    private static List<DiffOp> Replacement(IReadOnlyList<string> a, IReadOnlyList<string> b, int prefix, int suffix)
    {
        var ops = new List<DiffOp>(a.Count + b.Count);
        for (var i = 0; i < prefix; i++)
            ops.Add(new DiffOp(' ', i, i, a[i]));
        for (var i = prefix; i < a.Count - suffix; i++)
            ops.Add(new DiffOp('-', i, prefix, a[i]));
        for (var j = prefix; j < b.Count - suffix; j++)
            ops.Add(new DiffOp('+', a.Count - suffix, j, b[j]));
        for (var k = 0; k < suffix; k++)
            ops.Add(new DiffOp(' ', a.Count - suffix + k, b.Count - suffix + k, a[a.Count - suffix + k]));
        return ops;
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
