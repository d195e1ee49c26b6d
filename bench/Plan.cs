using System.Collections.Generic;

namespace Conformance.Bench;

/// <summary>A C floor program's mode (bench/floors.c), its item count and its unit.</summary>
public sealed record FloorSpec(string Mode, int N, string Unit);

/// <summary>
/// One workload of the plan: <paramref name="Id"/> names it on both sides (cpython_bench.py's WORKLOADS and
/// <see cref="Workloads.All"/>); <paramref name="Pairs"/> CPython/C# run pairs per placement in a full run.
/// </summary>
public sealed record Workload(string Id, string Name, string Unit, bool HigherIsBetter, string[] Placements, int Pairs, Target Target,
    FloorSpec? Floor = null);

/// <summary>Issue 12's workloads (item 2) with their targets (item 3) and floors.</summary>
public static class Plan
{
    private static readonly string[] Both = ["same-cpu", "split"];
    private static readonly string[] One = ["same-cpu"];

    public static readonly FloorSpec Ring = new("ring", 2_000_000, "msgs/s");
    public static readonly FloorSpec Pipe8 = new("pipe8", 300_000, "msgs/s");
    public static readonly FloorSpec Pipe1K = new("pipe1k", 100_000, "msgs/s");
    public static readonly FloorSpec PipeBulk = new("pipebulk", 2_000_000, "items/s");
    public static readonly FloorSpec Futex = new("pingpong", 5_000, "us/round trip");

    private static readonly Target PingPong = new(TargetKind.PingPong);
    private static readonly Target Fast5 = new(TargetKind.Throughput5x);

    public static IReadOnlyList<Workload> All { get; } =
    [
        new("start-join", "process start+join (empty)", "ms", false, Both, 7, new(TargetKind.MinRatio, 1.5)),
        new("queue-ints", "Queue 200k small ints", "items/s", true, Both, 5, new(TargetKind.QueueInts), Ring),
        new("queue-1k", "Queue 50k x 1 KiB", "items/s", true, Both, 5, Fast5, Pipe1K),
        new("joinable", "JoinableQueue put/get/task_done/join", "us/round trip", false, Both, 6, PingPong, Futex),
        new("lock-pingpong", "Lock ping-pong", "us/round trip", false, Both, 6, PingPong, Futex),
        new("semaphore-pingpong", "Semaphore ping-pong", "us/round trip", false, Both, 6, PingPong, Futex),
        new("event-wake", "Event set->wait wake", "us/round trip", false, Both, 6, PingPong, Futex),
        new("condition-fan-out", "Condition notify_all to 4 waiters", "us/round", false, Both, 6, PingPong, Futex),
        new("uncontended-lock", "uncontended Lock acquire+release", "ns/op", false, One, 7, Target.None),
        new("pipe-round-trip", "Pipe round trip (int)", "us/round trip", false, Both, 6, Target.None),
        new("pipe-throughput", "Pipe throughput (ints)", "msgs/s", true, Both, 5, Fast5, Pipe8),
        new("value-increments", "Value += 1 under its lock, 2 procs", "increments/s", true, Both, 5, Target.None),
        new("manager-dict", "Manager dict set and get", "us/op", false, Both, 5,
            new(TargetKind.MinRatio, 2, ">= 2x (<= 0.5x time)")),
        new("manager-namespace", "Manager Namespace setattr (child)", "us/op", false, Both, 5,
            new(TargetKind.MinRatio, 2, ">= 2x (<= 0.5x time)")),
        new("manager-start", "Manager start-up", "ms", false, Both, 7, new(TargetKind.MinRatio, 1, ">= 1x (<= 1x time)")),
        new("pool-map", "Pool(2).map 200k (default chunksize)", "tasks/s", true, Both, 5, Fast5, PipeBulk),
        new("pool-map-chunk1", "Pool(2).map 20k, chunksize=1", "tasks/s", true, Both, 5, Fast5, Pipe8),
        new("pool-apply-async", "Pool(2).apply_async round trip", "us/round trip", false, Both, 5, Target.None),
        new("pool-start", "Pool(4) start-up to every initializer", "ms", false, Both, 5, new(TargetKind.MinRatio, 1, ">= 1x (<= 1x time)")),
        new("memory-child", "peak memory (VmHWM): idle child", "MiB", false, One, 5, new(TargetKind.MinRatio, 0.5, ">= 0.5x (<= 2x mem)")),
        new("memory-manager", "peak memory (VmHWM): Manager server", "MiB", false, One, 5, new(TargetKind.MinRatio, 0.5, ">= 0.5x (<= 2x mem)")),
        new("memory-worker", "peak memory (VmHWM): pool worker", "MiB", false, One, 5, new(TargetKind.MinRatio, 0.5, ">= 0.5x (<= 2x mem)")),
    ];
}
