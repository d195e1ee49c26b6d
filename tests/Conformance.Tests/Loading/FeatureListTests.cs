using Conformance.Harness.Scenarios;
using Conformance.Tests.Running;

namespace Conformance.Tests.Loading;

/// <summary><c>scenarios/features.txt</c>: the one list a scenario's <c>features:</c> come from, and the validator holding them to it.</summary>
public sealed class FeatureListTests
{
    private const string List = """
        # a comment
        Pipe
        Process
        Queue

        shared memory
        """;

    [Test]
    public void The_repository_has_a_valid_sorted_list_holding_every_feature_its_scenarios_use()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "scenarios");
        var list = FeatureList.Of(root);
        Assert.That(list, Is.Not.Null, $"{root}/{FeatureList.FileName} is missing: without it feature names are not checked");
        var used = ScenarioLoader.Discover(root)
            .Select(f => ScenarioLoader.Load(root, f))
            .SelectMany(s => s.Document["features"]!.AsArray().Select(n => n!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(used.Except(list!.Names), Is.Empty, "a scenario uses a feature the list lacks");
            Assert.That(list.Names, Does.Contain("Queue").And.Contain("Manager").And.Contain("ValueProxy").And.Contain("ArrayProxy").And.Contain("BarrierProxy"));
        });
    }

    [Test]
    public void An_unknown_feature_is_a_located_error_with_a_did_you_mean()
    {
        using var suite = WithList();
        suite.Write("queue/x", """
            description: Main prints.
            features: [Queue, Queu, queue, Zebra]
            main:
              - print: "x"
            """);
        var errors = Assert.Throws<ScenarioValidationException>(() => suite.Load("queue/x"))!.Diagnostics.Select(d => d.ToString()).ToList();
        var file = Path.Combine(suite.Paths.Scenarios, "queue", "x.yaml");
        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:2:19: unknown feature 'Queu'; features are listed in scenarios/features.txt; did you mean 'Queue'?",
            $"{file}:2:25: unknown feature 'queue'; features are listed in scenarios/features.txt; did you mean 'Queue'?",
            $"{file}:2:32: unknown feature 'Zebra'; features are listed in scenarios/features.txt",
        }));
    }

    [Test]
    public void Listed_features_including_names_with_spaces_validate()
    {
        using var suite = WithList();
        suite.Write("queue/x", """
            description: Main prints.
            features:
              - Queue
              - shared memory
            main:
              - print: "x"
            """);
        Assert.That(suite.Load("queue/x").Id, Is.EqualTo("queue/x"));
    }

    [Test]
    public void A_suite_without_a_list_checks_only_the_shape_of_features()
    {
        using var suite = new TempSuite();
        suite.Write("queue/x", "description: Main prints.\nfeatures: [anything at all]\nmain:\n  - print: \"x\"\n");
        Assert.That(suite.Load("queue/x").Id, Is.EqualTo("queue/x"));
    }

    [TestCase("B\nA\n", 2, 1, "feature 'A' is out of order after 'B'")]
    [TestCase("A\n  A\n", 2, 3, "feature 'A' is listed twice")]
    [TestCase("A\nB,C\n", 2, 1, "feature 'B,C' holds ','")]
    [TestCase("A\nB # why\n", 2, 1, "holds ',', '#'")]
    public void An_invalid_list_is_a_located_error_in_the_list(string text, int line, int column, string fragment)
    {
        var e = Assert.Throws<ScenarioValidationException>(() => FeatureList.Parse("scenarios/features.txt", text))!;
        Assert.That(e.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(e.Diagnostics[0].ToString(), Does.StartWith($"scenarios/features.txt:{line}:{column}: ").And.Contain(fragment));
    }

    [Test]
    public void The_list_is_reread_when_it_changes()
    {
        using var suite = WithList();
        Assert.That(FeatureList.Of(suite.Paths.Scenarios)!.Contains("Event"), Is.False);
        var file = Path.Combine(suite.Paths.Scenarios, FeatureList.FileName);
        File.WriteAllText(file, "Event\n" + List);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        Assert.That(FeatureList.Of(suite.Paths.Scenarios)!.Contains("Event"), Is.True);
    }

    /// <summary>A throw-away suite with the small <see cref="List"/>.</summary>
    internal static TempSuite WithList()
    {
        var suite = new TempSuite();
        File.WriteAllText(Path.Combine(suite.Paths.Scenarios, FeatureList.FileName), List);
        return suite;
    }
}
