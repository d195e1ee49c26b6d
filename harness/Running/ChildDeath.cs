using System.Globalization;

namespace Conformance.Harness.Running;

/// <summary>A child of a run that died of a signal no process of the run sent it: who reaped it, its pid and name, and the signal.</summary>
/// <param name="ParentPid">The process that reaped it (its parent).</param>
/// <param name="Pid">The child's pid.</param>
/// <param name="Name">The child's process name (<c>Process-1</c>).</param>
/// <param name="Signal">The signal it died of.</param>
internal sealed record ChildDeath(int ParentPid, int Pid, string Name, int Signal)
{
    /// <summary><c>Process-1 (pid 4243) was killed by signal 9 (SIGKILL), which no process of the run sent (exit code -9, seen by its parent, pid 4200)</c>.</summary>
    public override string ToString() =>
        $"{Name} (pid {Pid.ToString(CultureInfo.InvariantCulture)}) was killed by {Signals.Describe(Signal)}, which no process of the run sent " +
        $"(exit code -{Signal.ToString(CultureInfo.InvariantCulture)}, seen by its parent, pid {ParentPid.ToString(CultureInfo.InvariantCulture)})";
}
