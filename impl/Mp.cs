using System;
using System.Collections.Generic;
using System.Threading;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>The module-level functions of CPython's <c>multiprocessing</c> package.</summary>
public static partial class Mp
{
    private static Process? s_current;
    private static bool s_isMain = true;

    /// <summary>The managed id of this process's main thread (CPython's 'MainThread').</summary>
    internal static int MainThreadId { get; private set; } = 1;

    /// <summary>True in the main process, false in a spawned child.</summary>
    public static bool IsMainProcess => s_isMain;

    /// <summary>CPython's <c>current_process()</c>: 'MainProcess' in main, the child's Process object in a child.</summary>
    public static Process CurrentProcess()
    {
        if (s_current is null) Interlocked.CompareExchange(ref s_current, Process.CreateMain(), null);
        return s_current;
    }

    internal static void SetCurrent(Process p)
    {
        s_current = p;
        s_isMain = false;
        s_startMethodSet = true; // as spawn's prepare() does in a child: set_start_method(parent's, force=True)
        MainThreadId = Environment.CurrentManagedThreadId;
    }

    /// <summary>CPython's <c>parent_process()</c> pid: null in the main process.</summary>
    public static int? ParentPid() => s_isMain ? null : CurrentProcess().ParentPid;

    /// <summary>CPython's <c>active_children()</c>: started children not yet reaped (reaps finished ones).</summary>
    public static IReadOnlyList<Process> ActiveChildren()
    {
        Children.Cleanup();
        return Children.Snapshot();
    }

    /// <summary>CPython's <c>multiprocessing.Manager()</c>: a started <see cref="SyncManager"/> whose server process is <c>SyncManager-N</c>.</summary>
    public static SyncManager Manager()
    {
        var m = new SyncManager();
        m.Start();
        return m;
    }

    /// <summary>CPython's <c>Pipe(duplex=True)</c>: see <see cref="Connection.Pipe"/>.</summary>
    public static (Connection, Connection) Pipe(bool duplex = true) => Connection.Pipe(duplex);

    /// <summary>CPython's <c>cpu_count()</c>.</summary>
    public static int CpuCount() => Environment.ProcessorCount;

    /// <summary>
    /// CPython's <c>set_executable()</c>: the .NET program to re-run for children (null restores the default, which
    /// re-runs this process's own command line). Its Main never runs: the startup hook runs the child first.
    /// </summary>
    public static void SetExecutable(string? path, params string[] args) => Spawner.SetExecutable(path, args);

    /// <summary>
    /// CPython's exit hook (<c>util._exit_function</c>), run automatically at ProcessExit: terminates daemon children,
    /// joins the others, flushes queues and unlinks this process's semaphores. Safe to call once explicitly.
    /// </summary>
    public static void Shutdown() => ExitHooks.Run();

    /// <summary>CPython's <c>sys.exit(code)</c> inside a child: throws <see cref="SystemExit"/>.</summary>
    public static void Exit(object? code = null) => throw new SystemExit(code);

    /// <summary>'name#pid' of the current process, used in error messages.</summary>
    internal static string Describe() => $"{CurrentProcess().Name}#{Environment.ProcessId}";
}
