using System;
using System.Collections.Generic;
using System.Threading;

namespace Multiprocessing.Internal;

/// <summary>
/// CPython's <c>util._exit_function</c>: at exit run the finalizers of priority 0 and more (a pool's terminate, a
/// manager's shutdown), terminate daemon children, join the others, run the remaining finalizers, flush queue feeders
/// and unlink the semaphores and shared memory this process created.
/// </summary>
internal static class ExitHooks
{
    private static int s_installed;
    private static int s_ran;
    private static readonly List<Action> FeederJoins = new();

    public static void EnsureInstalled()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Run();
    }

    /// <summary>Registers a queue's flush-and-join action for exit.</summary>
    public static void AddFeederJoin(Action join)
    {
        EnsureInstalled();
        lock (FeederJoins) FeederJoins.Add(join);
    }

    public static void Run()
    {
        if (Interlocked.Exchange(ref s_ran, 1) == 1) return;
        Finalizer.RunAll(0);
        foreach (var p in Children.Snapshot())
        {
            if (p.Daemon) p.Terminate();
        }
        foreach (var p in Children.Snapshot()) p.Join();
        Finalizer.RunAll(null);
        Action[] joins;
        lock (FeederJoins) joins = [.. FeederJoins];
        foreach (var j in joins)
        {
            try
            {
                j();
            }
            catch (Exception)
            {
                // A broken pipe at exit loses data, as in CPython.
            }
        }
        SemLock.UnlinkAll();
        Shared.SharedMemory.UnlinkAll();
        Console.Out.Flush();
        Console.Error.Flush();
    }
}
