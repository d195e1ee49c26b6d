namespace Conformance.Harness.Checks;

/// <summary>Machine facts recorded by the runner's <c>meta</c> event, usable as <c>$name</c> in value expressions.</summary>
/// <param name="CpuCount">The value of <c>$cpu_count</c>.</param>
/// <param name="Backend">The backend that wrote the trace, e.g. <c>cpython-3.11.7</c>.</param>
public sealed record TraceFacts(int CpuCount, string Backend);
