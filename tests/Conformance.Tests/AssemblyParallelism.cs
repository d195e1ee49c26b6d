[assembly: LevelOfParallelism(Conformance.Tests.AssemblyParallelism.Workers)]

namespace Conformance.Tests;

/// <summary>
/// NUnit's worker threads for the fixtures marked parallelizable (only the scenario cases): the ceiling of
/// <c>CONFORMANCE_JOBS</c>; the cases' own gate (<see cref="Suite.ScenarioConformanceTests.Jobs"/>) sets the number
/// actually running, the number of CPUs by default.
/// </summary>
public static class AssemblyParallelism
{
    /// <summary>The most scenario runs at once under <c>dotnet test</c>.</summary>
    public const int Workers = 16;
}
