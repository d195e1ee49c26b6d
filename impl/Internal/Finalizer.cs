using System;
using System.Collections.Generic;
using System.Threading;

namespace Multiprocessing.Internal;

/// <summary>
/// CPython's <c>util.Finalize</c>: a callback run once, either when called (<see cref="Invoke"/>) or at exit. At exit,
/// finalizers with a priority run in decreasing priority (the latest registered first among equals), those with
/// priority 0 or more before the children are terminated and joined, the negative ones after it
/// (<c>util._exit_function</c>); a finalizer without a priority runs only when called.
/// </summary>
internal sealed class Finalizer
{
    private static readonly List<Finalizer> Registry = new();
    private static long s_counter;

    private Action? _callback;
    private readonly long _order;

    private Finalizer(Action callback, int? exitPriority)
    {
        _callback = callback;
        ExitPriority = exitPriority;
        _order = Interlocked.Increment(ref s_counter);
    }

    /// <summary>The priority at exit, or null when the finalizer runs only when called.</summary>
    public int? ExitPriority { get; }

    /// <summary>True while the callback has not run and was not cancelled.</summary>
    public bool StillActive => Volatile.Read(ref _callback) is not null;

    /// <summary>Registers <paramref name="callback"/>; with <paramref name="exitPriority"/> it also runs at exit.</summary>
    public static Finalizer Register(Action callback, int? exitPriority)
    {
        ExitHooks.EnsureInstalled();
        var f = new Finalizer(callback, exitPriority);
        lock (Registry) Registry.Add(f);
        return f;
    }

    /// <summary>Runs the callback if it has not run yet (CPython's <c>Finalize.__call__</c>).</summary>
    public void Invoke()
    {
        var callback = Interlocked.Exchange(ref _callback, null);
        lock (Registry) Registry.Remove(this);
        callback?.Invoke();
    }

    /// <summary>Forgets the callback without running it.</summary>
    public void Cancel()
    {
        Interlocked.Exchange(ref _callback, null);
        lock (Registry) Registry.Remove(this);
    }

    /// <summary>
    /// CPython's <c>_run_finalizers(minpriority)</c>: runs the registered finalizers whose priority is at least
    /// <paramref name="minPriority"/> (all with a priority when null), highest first; one that throws does not stop the others.
    /// </summary>
    public static void RunAll(int? minPriority)
    {
        while (true)
        {
            Finalizer? next = null;
            lock (Registry)
            {
                foreach (var f in Registry)
                {
                    if (f.ExitPriority is not { } p || (minPriority is { } min && p < min)) continue;
                    if (next is null || p > next.ExitPriority || (p == next.ExitPriority && f._order > next._order))
                        next = f;
                }
            }
            if (next is null) return;
            try
            {
                next.Invoke();
            }
            catch (Exception e)
            {
                // CPython logs the failure and goes on with the others.
                Console.Error.WriteLine($"Error in finalizer at exit of {Mp.Describe()}: {e.Message}");
            }
        }
    }
}
