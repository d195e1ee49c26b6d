namespace Conformance.Harness.Snapshots.Internal;

/// <summary>Myers' O((N+M)D) shortest edit script between two line lists.</summary>
internal static class MyersDiff
{
    /// <summary>The edit script turning <paramref name="a"/> into <paramref name="b"/>, in order.</summary>
    public static List<DiffOp> Diff(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int n = a.Count, m = b.Count, max = n + m, offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1]
                    : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                    return Backtrack(a, b, trace, offset);
            }
        }
        throw new InvalidOperationException("unreachable: a diff never needs more than N+M edits");
    }

    private static List<DiffOp> Backtrack(IReadOnlyList<string> a, IReadOnlyList<string> b, List<int[]> trace, int offset)
    {
        var ops = new List<DiffOp>();
        int x = a.Count, y = b.Count;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var prevK = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
            var prevX = v[offset + prevK];
            var prevY = prevX - prevK;
            while (x > prevX && y > prevY)
            {
                x--;
                y--;
                ops.Add(new DiffOp(' ', x, y, a[x]));
            }
            if (d > 0)
                ops.Add(x == prevX ? new DiffOp('+', x, prevY, b[prevY]) : new DiffOp('-', prevX, y, a[prevX]));
            x = prevX;
            y = prevY;
        }
        ops.Reverse();
        return ops;
    }
}
