using System.Collections.Generic;

namespace Multiprocessing.Internal;

/// <summary>CPython's <c>process._children</c>: the started, not yet reaped children of this process.</summary>
internal static class Children
{
    private static readonly HashSet<Process> Set = new();

    public static void Add(Process p)
    {
        lock (Set) Set.Add(p);
    }

    public static void Remove(Process p)
    {
        lock (Set) Set.Remove(p);
    }

    public static List<Process> Snapshot()
    {
        lock (Set) return [.. Set];
    }

    /// <summary>Reaps finished children (CPython's <c>_cleanup()</c>).</summary>
    public static void Cleanup()
    {
        foreach (var p in Snapshot()) p.Poll();
    }
}
