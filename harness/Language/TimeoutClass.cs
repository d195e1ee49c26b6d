namespace Conformance.Harness.Language;

/// <summary>A named time limit a scenario's <c>timeout</c> may give.</summary>
public sealed record TimeoutClass(string Name, double Seconds, string Doc);
