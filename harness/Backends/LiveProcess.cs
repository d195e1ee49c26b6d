namespace Conformance.Harness.Backends;

/// <summary>A process of a run found alive when its time limit expired, captured before the harness killed it.</summary>
/// <param name="Pid">The OS process id.</param>
/// <param name="Role"><c>runner</c>, <c>resource tracker</c>, or its command line (shortened) when it is neither.</param>
public sealed record LiveProcess(int Pid, string Role);
