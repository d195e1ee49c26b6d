using System;
using System.Collections.Generic;

namespace Multiprocessing.Python;

/// <summary>
/// CPython's list.sort for the short lists scenarios make: timsort's first run (count_run, a strictly descending run
/// reversed) extended by binary insertion, comparing with <c>&lt;</c> only. For fewer than 64 items this is exactly
/// CPython's sequence of comparisons (minrun is the whole list); longer lists get the same stable result.
/// </summary>
public static class PySort
{
    /// <summary>Sorts <paramref name="items"/> in place, stably, with <paramref name="lessThan"/> (which may throw).</summary>
    public static void Sort<T>(List<T> items, Func<T, T, bool> lessThan)
    {
        var n = items.Count;
        if (n < 2)
            return;
        var run = 2;
        if (lessThan(items[1], items[0]))
        {
            while (run < n && lessThan(items[run], items[run - 1]))
                run++;
            items.Reverse(0, run);
        }
        else
        {
            while (run < n && !lessThan(items[run], items[run - 1]))
                run++;
        }
        for (var start = run; start < n; start++)
        {
            var pivot = items[start];
            int l = 0, r = start;
            do
            {
                var p = l + ((r - l) >> 1);
                if (lessThan(pivot, items[p]))
                    r = p;
                else
                    l = p + 1;
            }
            while (l < r);
            items.RemoveAt(start);
            items.Insert(l, pivot);
        }
    }
}
