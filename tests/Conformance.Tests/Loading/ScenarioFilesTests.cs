using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

public sealed class ScenarioFilesTests
{
    [Test]
    public void Every_scenario_in_the_repository_loads_without_diagnostics()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "scenarios");
        var files = Directory.Exists(root) ? ScenarioLoader.Discover(root) : [];

        Assert.That(files, Is.Not.Empty, $"no scenario files under {root}");
        var problems = files.SelectMany(f => Diagnostics(root, f)).ToList();
        Assert.That(problems, Is.Empty, string.Join('\n', problems));
    }

    [Test]
    public void Tutorial_like_fixtures_load_without_diagnostics()
    {
        var files = ScenarioLoader.Discover(RepositoryRoot.Fixtures);

        Assert.That(files, Has.Count.EqualTo(3));
        var problems = files.SelectMany(f => Diagnostics(RepositoryRoot.Fixtures, f)).ToList();
        Assert.That(problems, Is.Empty, string.Join('\n', problems));
    }

    [Test]
    public void Fixture_ids_and_process_subclass_content_come_through()
    {
        var file = ScenarioLoader.Discover(RepositoryRoot.Fixtures, "tutorial/08b-*").Single();

        var scenario = ScenarioLoader.Load(RepositoryRoot.Fixtures, file);

        Assert.That(scenario.Id, Is.EqualTo("tutorial/08b-consumer-joinable-queue"));
        Assert.That(scenario.Tutorial, Is.EqualTo("8b"));
        Assert.That(scenario.Document["classes"]!["Consumer"]!["base"]!.GetValue<string>(), Is.EqualTo("Process"));
    }

    private static IEnumerable<string> Diagnostics(string root, string file)
    {
        try
        {
            ScenarioLoader.Load(root, file);
            return [];
        }
        catch (ScenarioValidationException e)
        {
            return e.Diagnostics.Select(d => d.ToString());
        }
    }
}
