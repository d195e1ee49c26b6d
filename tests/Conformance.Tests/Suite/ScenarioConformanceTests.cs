using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Suite;

/// <summary>The suite itself: every scenario file × every backend is one test case, judged by the harness.</summary>
/// <remarks>A thin adapter, like Verify.NUnit over Verify: all judgement (invariants, snapshots) lives in the harness.</remarks>
[TestFixture]
[NonParallelizable] // Scenarios time real processes: running two at once on a 2-core machine would distort them.
public sealed class ScenarioConformanceTests
{
    private static readonly SuitePaths Paths = SuitePaths.Locate();

    private static readonly string[] BackendIds = ["cpython", "csharp"];

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var file in ScenarioLoader.Discover(Paths.Scenarios))
        {
            var id = Path.ChangeExtension(Path.GetRelativePath(Paths.Scenarios, file), null).Replace('\\', '/');
            foreach (var backend in BackendIds)
                yield return new TestCaseData(file, backend).SetName($"{id} [{backend}]").SetCategory(backend);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Scenario_behaves_as_in_CPython(string file, string backendId)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(Paths.Scenarios, file);
        }
        catch (ScenarioValidationException e)
        {
            Assert.Fail($"invalid scenario:\n{e.Message}");
            return;
        }
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        var result = await new ScenarioRunner(Paths).RunAsync(scenario, backend);

        switch (result.Verdict)
        {
            case Verdict.Pass:
                break;
            case Verdict.NotImplemented:
                Assert.Ignore($"not-implemented on {result.Backend}: {result.Message}");
                break;
            default:
                Assert.Fail($"{result.Verdict.ToWire()} on {result.Backend} after {result.Duration.TotalSeconds:0.0} s:\n{result.Message}");
                break;
        }
    }
}
