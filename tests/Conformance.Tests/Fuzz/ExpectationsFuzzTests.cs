using System.Diagnostics;
using System.Text;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Fuzz;

/// <summary>The same mutations of <c>expected/expectations.yaml</c>: each loads, or is refused with located diagnostics, quickly and in bounded memory.</summary>
public sealed class ExpectationsFuzzTests
{
    [Test]
    public void Every_mutant_of_the_expectations_loads_or_is_refused_at_located_positions()
    {
        var repository = RepositoryRoot.Find();
        var scenarios = Path.Combine(repository, "scenarios");
        var ids = ScenarioLoader.Discover(scenarios).Select(f => ScenarioLoader.IdOf(scenarios, f)).ToHashSet(StringComparer.Ordinal);
        var source = File.ReadAllText(Path.Combine(repository, "expected", Expectations.FileName));
        var mutator = new Mutator([("expectations", source)]);
        var report = new FuzzReport(FuzzSeed.Value, "expectations");
        using var suite = new TempSuite();
        var file = Path.Combine(suite.Paths.Expected, Expectations.FileName);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < FuzzSeed.Cases(1_000); i++)
        {
            var mutant = mutator.Make(FuzzSeed.Value, i);
            File.WriteAllBytes(file, mutant.Bytes);

            var fromFile = FuzzCase.Run(() => Expectations.Load(suite.Paths, ids));
            var problems = FuzzCase.Problems(fromFile, file, FuzzCase.Decode(mutant.Bytes), mutant.Bytes.Length);
            if (LoaderFuzzTests.IsPlainUtf8(mutant.Bytes))
            {
                var text = Encoding.UTF8.GetString(mutant.Bytes);
                var fromText = FuzzCase.Run(() => Expectations.Parse(file, text, ids));
                problems.AddRange(FuzzCase.Problems(fromText, file, text, mutant.Bytes.Length).Select(p => "Parse: " + p));
                if (fromText.Summary != fromFile.Summary)
                    problems.Add($"Load and Parse differ:\n    Load: {fromFile.Summary}\n    Parse: {fromText.Summary}");
            }
            report.Add(mutant, fromFile, problems);
        }

        TestContext.Out.WriteLine(report.Summary(clock.Elapsed));
        Assert.That(report.Failures, Is.Empty, report.FirstFailures());
    }
}
