using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Backends;

/// <summary>
/// The CPython backend's two hosts of the same <c>conformance_runner.run</c>: <c>python3 python/run_scenario.py</c>
/// (<c>CONFORMANCE_CPYTHON_HOST=python</c>: no .NET or pythonnet start-up) and the embedded runner (the default)
/// judge a scenario the same: same verdict, same snapshot, for a scenario with children, a manager (whose server
/// initializer must pickle by reference, never as <c>__main__.X</c>) and a pool.
/// </summary>
[NonParallelizable] // Real runs, timed against their limits.
public sealed class CPythonHostTests
{
    [TestCase("tutorial/07-manager-dict")]
    [TestCase("tutorial/09a-pool-map-initializer")]
    [TestCase("queue/fifo-per-producer")]
    [CancelAfter(240_000)]
    public async Task Both_hosts_give_the_same_verdict_and_snapshot(string id)
    {
        var paths = new SuitePaths(RepositoryRoot.Find());
        var file = Path.Combine(paths.Scenarios, id + ".yaml");
        Assume.That(File.Exists(file), $"{file} is part of the suite");
        var scenario = ScenarioLoader.Load(paths.Scenarios, file);
        var runner = new ScenarioRunner(paths);

        var direct = await runner.RunAsync(scenario, new CPythonBackend { Embedded = false });
        var embedded = await runner.RunAsync(scenario, new CPythonBackend { Embedded = true });

        Assert.Multiple(() =>
        {
            Assert.That(direct.Verdict, Is.EqualTo(Verdict.Pass), direct.Message);
            Assert.That(embedded.Verdict, Is.EqualTo(Verdict.Pass), embedded.Message);
            Assert.That(direct.Snapshot, Is.EqualTo(embedded.Snapshot));
        });
        TestContext.Out.WriteLine($"{id}: direct {direct.Runs[0].Overhead.TotalSeconds:0.000} s, embedded {embedded.Runs[0].Overhead.TotalSeconds:0.000} s of overhead");
    }
}
