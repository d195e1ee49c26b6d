using System.Diagnostics;
using System.Text;
using System.Text.Unicode;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Fuzz;

/// <summary>Thousands of mutated copies of the real scenario files: each loads, or is refused with located diagnostics, quickly and in bounded memory.</summary>
public sealed class LoaderFuzzTests
{
    [Test]
    public void Every_mutant_of_a_scenario_loads_or_is_refused_at_located_positions()
    {
        var scenarios = Path.Combine(RepositoryRoot.Find(), "scenarios");
        var sources = ScenarioLoader.Discover(scenarios).Select(f => (ScenarioLoader.IdOf(scenarios, f), File.ReadAllText(f))).ToList();
        var mutator = new Mutator(sources);
        var report = new FuzzReport(FuzzSeed.Value, "scenarios");
        using var suite = new TempSuite();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < FuzzSeed.Cases(3_000); i++)
        {
            var mutant = mutator.Make(FuzzSeed.Value, i);
            var file = Path.Combine(suite.Paths.Scenarios, mutant.Source + ".yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, mutant.Bytes);

            var fromFile = FuzzCase.Run(() => ScenarioLoader.Load(suite.Paths.Scenarios, file));
            var problems = FuzzCase.Problems(fromFile, file, FuzzCase.Decode(mutant.Bytes), mutant.Bytes.Length);
            if (IsPlainUtf8(mutant.Bytes))
            {
                // Text and file must meet the same rules: Parse is what tests and tools call, Load what validate and run call.
                var text = Encoding.UTF8.GetString(mutant.Bytes);
                var fromText = FuzzCase.Run(() => ScenarioLoader.Parse(suite.Paths.Scenarios, file, text));
                problems.AddRange(FuzzCase.Problems(fromText, file, text, mutant.Bytes.Length).Select(p => "Parse: " + p));
                if (fromText.Summary != fromFile.Summary)
                    problems.Add($"Load and Parse differ:\n    Load: {fromFile.Summary}\n    Parse: {fromText.Summary}");
            }
            report.Add(mutant, fromFile, problems);
        }

        TestContext.Out.WriteLine(report.Summary(clock.Elapsed));
        Assert.That(report.Failures, Is.Empty, report.FirstFailures());
    }

    /// <summary>Valid UTF-8 without a byte-order mark: the bytes are exactly the text <see cref="ScenarioLoader.Parse"/> would be given.</summary>
    internal static bool IsPlainUtf8(byte[] bytes) =>
        Utf8.IsValid(bytes) && !bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
}
