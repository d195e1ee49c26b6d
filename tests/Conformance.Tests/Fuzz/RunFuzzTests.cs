using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Fuzz;

/// <summary>A few mutants that still load, run end to end on both backends: each run ends with a verdict, never an exception out of the harness.</summary>
/// <remarks>Each run starts real processes (about a second), so this takes few mutants and short time limits: 5 mutants × 2 backends.</remarks>
[NonParallelizable] // Runs time real processes, as the suite's own scenario tests.
public sealed class RunFuzzTests
{
    private const int Mutants = 5;

    /// <summary>The longest a mutant may run: a mutation that makes a scenario wait forever becomes a timeout, quickly.</summary>
    private const double MaxSeconds = 8;

    [Test]
    [CancelAfter(240_000)]
    public async Task Mutants_that_load_end_with_a_verdict_on_both_backends(CancellationToken cancel)
    {
        var repository = RepositoryRoot.Find();
        var scenarios = Path.Combine(repository, "scenarios");
        // Manager and Pool scenarios are the slowest to start, and not implemented on csharp: left out to keep this short.
        var sources = ScenarioLoader.Discover(scenarios)
            .Select(f => (Id: ScenarioLoader.IdOf(scenarios, f), Text: File.ReadAllText(f)))
            .Where(s => !s.Text.Contains("Manager", StringComparison.Ordinal) && !s.Text.Contains("Pool", StringComparison.Ordinal))
            .ToList();
        var mutator = new Mutator(sources);
        using var suite = new TempSuite();
        var chosen = Choose(mutator, sources, suite);
        Assert.That(chosen, Has.Count.EqualTo(Mutants), "mutants that still load");

        var failures = new List<string>();
        foreach (var (mutant, scenario) in chosen)
        {
            // The verified snapshot of the original: a mutation that changes nothing observable passes, any other fails.
            var verified = Path.Combine(repository, "expected", mutant.Source + ".verified.txt");
            var copy = Path.Combine(suite.Paths.Expected, mutant.Source + ".verified.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (File.Exists(verified))
                File.Copy(verified, copy, overwrite: true);
            var runner = new ScenarioRunner(suite.Paths, new RunSettings { TimeoutMultiplier = Math.Min(1, MaxSeconds / scenario.TimeoutSeconds) });
            foreach (IBackend backend in new IBackend[] { new CPythonBackend(), new CSharpBackend() })
            {
                try
                {
                    var result = await runner.RunAsync(scenario, backend, cancel);
                    TestContext.Out.WriteLine($"{result.Verdict.ToWire(),-15} {mutant} on {backend.Id} in {result.Duration.TotalSeconds:0.0} s");
                    if (result.Verdict is not (Verdict.Pass or Verdict.Fail or Verdict.Error or Verdict.Timeout or Verdict.NotImplemented))
                        failures.Add($"{mutant} on {backend.Id}: verdict {result.Verdict}");
                }
#pragma warning disable CA1031 // Any exception out of the harness is the finding.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    failures.Add($"{mutant} on {backend.Id} [{FuzzSeed.Reproduce(FuzzSeed.Value)}]: threw {e}");
                }
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
    }

    /// <summary>The first mutants (in case order) that load and whose document differs from their source's.</summary>
    private static List<(Mutant Mutant, Scenario Scenario)> Choose(Mutator mutator, List<(string Id, string Text)> sources, TempSuite suite)
    {
        var chosen = new List<(Mutant, Scenario)>();
        for (var i = 0; chosen.Count < Mutants && i < 20_000; i++)
        {
            var mutant = mutator.Make(FuzzSeed.Value, i);
            if (!LoaderFuzzTests.IsPlainUtf8(mutant.Bytes) || chosen.Any(c => c.Item1.Source == mutant.Source))
                continue;
            var file = Path.Combine(suite.Paths.Scenarios, mutant.Source + ".yaml");
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.Parse(suite.Paths.Scenarios, file, Encoding.UTF8.GetString(mutant.Bytes));
            }
            catch (ScenarioValidationException)
            {
                continue;
            }
            var original = ScenarioLoader.Parse(suite.Paths.Scenarios, file, sources.First(s => s.Id == mutant.Source).Text);
            if (JsonNode.DeepEquals(scenario.Document, original.Document))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, mutant.Bytes);
            chosen.Add((mutant, scenario));
        }
        return chosen;
    }
}
