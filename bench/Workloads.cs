using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Conformance.Bench;

/// <summary>
/// The C# half of the benchmark: one measurement of one workload in this fresh process, the twin of
/// bench/cpython_bench.py (same workload names, item counts, payloads and synchronisation). Children are started by
/// impl (posix_spawn of this program + startup hook), so their targets are static methods with picklable arguments.
/// </summary>
public static partial class Workloads
{
    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int sched_setaffinity(int pid, nint cpusetsize, ulong* mask);

    [DllImport("libc")]
    private static extern long sysconf(int name);

    /// <summary>Online CPUs (os.cpu_count()); Environment.ProcessorCount would count only the inherited affinity mask.</summary>
    public static int CpuCount { get; } = (int)Math.Max(1, sysconf(84 /* _SC_NPROCESSORS_ONLN */));

    /// <summary>The workloads by name: each takes the children's CPU and returns one measurement.</summary>
    public static IReadOnlyDictionary<string, Func<int, double>> All(int scale) => new Dictionary<string, Func<int, double>>
    {
        ["start-join"] = StartJoin,
        ["queue-ints"] = c => QueueThroughput(200_000 / scale, null, c),
        ["queue-1k"] = c => QueueThroughput(50_000 / scale, Payload(), c),
        ["joinable"] = c => JoinableRoundTrip(3_000 / scale, c),
        ["lock-pingpong"] = c => PingPong(AcquiredLock, 5_000 / scale, c),
        ["semaphore-pingpong"] = c => PingPong(() => new Multiprocessing.Semaphore(0), 5_000 / scale, c),
        ["event-wake"] = c => EventWake(3_000 / scale, c),
        ["condition-fan-out"] = c => ConditionFanOut(1_000 / scale, c),
        ["uncontended-lock"] = c => Uncontended(300_000 / scale),
        ["pipe-round-trip"] = c => PipeRoundTrip(5_000 / scale, c),
        ["pipe-throughput"] = c => PipeThroughput(100_000 / scale, c),
        ["value-increments"] = c => ValueIncrements(50_000 / scale, c),
        ["manager-dict"] = c => ManagerDict(2_000 / scale, c),
        ["manager-namespace"] = c => ManagerNamespace(2_000 / scale, c),
        ["manager-start"] = ManagerStart,
        ["pool-map"] = c => PoolMap(200_000 / scale, null, c),
        ["pool-map-chunk1"] = c => PoolMap(20_000 / scale, 1, c),
        ["pool-apply-async"] = c => PoolApplyAsync(2_000 / scale, c),
        ["pool-start"] = PoolStart,
        ["memory-child"] = MemoryChild,
        ["memory-manager"] = MemoryManager,
        ["memory-worker"] = MemoryWorker,
    };

    /// <summary><c>--run NAME --placement same-cpu|split [--quick]</c>: one measurement, printed as <c>{"value": v}</c>.</summary>
    public static int RunOne(string name, string placement, bool quick)
    {
        var cpu = placement switch
        {
            "same-cpu" => 0,
            "split" => 1,
            _ => throw new ArgumentException($"placement must be same-cpu or split, not '{placement}'"),
        };
        if (!All(quick ? 10 : 1).TryGetValue(name, out var run))
        {
            Console.Error.WriteLine($"unknown workload '{name}'; known: {string.Join(", ", All(1).Keys)}");
            return 2;
        }
        PinAll(0);
        var value = run(cpu);
        Console.WriteLine("{\"value\": " + value.ToString("R", CultureInfo.InvariantCulture) + "}");
        return 0;
    }

    /// <summary>Pins only the calling thread (tid 0): a process it spawns inherits this mask from birth.</summary>
    public static unsafe void PinThread(int cpu)
    {
        var mask = 1UL << (cpu % CpuCount);
        sched_setaffinity(0, sizeof(ulong), &mask);
    }

    /// <summary>Pins every thread of this process (threads started later inherit it from their creator).</summary>
    public static unsafe void PinAll(int cpu)
    {
        var mask = 1UL << (cpu % CpuCount);
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var tid)) sched_setaffinity(tid, sizeof(ulong), &mask);
        }
    }

    /// <summary>
    /// Starts processes with the spawning thread on <paramref name="cpu"/> (they inherit it), then puts every thread
    /// of this process back on CPU 0 (threads a Pool constructor started meanwhile included). As cpython_bench.py.
    /// </summary>
    private static T SpawnOn<T>(int cpu, Func<T> start)
    {
        PinThread(cpu);
        try
        {
            return start();
        }
        finally
        {
            PinAll(0);
        }
    }

    private static byte[] Payload()
    {
        var b = new byte[1024];
        Array.Fill(b, (byte)'x');
        return b;
    }

    private static double VmHwmMiB(int pid)
    {
        var kb = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return int.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
    }
}
