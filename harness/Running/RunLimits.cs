using System.Globalization;

namespace Conformance.Harness.Running;

/// <summary>What one run may use before the harness stops it as it stops a timed-out run: bytes written and processes alive.</summary>
public sealed record RunLimits
{
    private const long MiB = 1024 * 1024;

    /// <summary>The limits of a suite run: far above what any scenario needs, far below what hurts the machine.</summary>
    public static RunLimits Default { get; } = new();

    /// <summary>
    /// Bytes of trace plus the runner's stdout and stderr together (a print goes to both): a scenario that prints or
    /// traces in an endless loop fills the disk and, once read, the harness's memory.
    /// </summary>
    public long MaxOutputBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOutputBytes), value, "the output limit must be at least one byte");
    } = 64 * MiB;

    /// <summary>Processes of the run alive at once (the runner, its children, resource trackers): a scenario that starts processes in a loop exhausts the machine.</summary>
    public int MaxProcesses
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxProcesses), value, "the process limit must be at least one process");
    } = 256;

    /// <summary>
    /// Private resident memory of the run's processes together (anonymous pages: what a scenario's values occupy, not
    /// the runtimes' shared libraries): one step such as <c>{mul: ["x", 10000000000]}</c> or a big int squared in a
    /// loop can take the machine's memory before any output or time limit notices.
    /// </summary>
    public long MaxMemoryBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxMemoryBytes), value, "the memory limit must be at least one byte");
    } = 4096 * MiB;

    /// <summary>Why a run whose processes held <paramref name="resident"/> private bytes was stopped (the verdict's message).</summary>
    public string MemoryExceeded(long resident) =>
        $"the run's processes held {Size(resident)} of memory (limit {Size(MaxMemoryBytes)}); a scenario must not build values without bound";

    /// <summary>Why a run that wrote <paramref name="written"/> bytes was stopped (the verdict's message).</summary>
    public string OutputExceeded(long written) =>
        $"the run wrote {Size(written)} of trace and output (limit {Size(MaxOutputBytes)}); a scenario must not print or trace without bound";

    /// <summary>Why a run with <paramref name="alive"/> processes was stopped (the verdict's message).</summary>
    public string ProcessesExceeded(int alive) =>
        string.Create(CultureInfo.InvariantCulture, $"the run had {alive} processes alive (limit {MaxProcesses}); a scenario must not start processes without bound");

    private static string Size(long bytes) =>
        bytes % MiB == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB} MiB")
            : bytes < MiB
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes")
                : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.0} MiB");
}
