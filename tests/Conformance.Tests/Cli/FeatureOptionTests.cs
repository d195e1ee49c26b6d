using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary><c>--features</c> / <c>--exclude-features</c> (test262-harness's flags) on <c>run</c> and <c>validate</c>, and <c>new</c>'s listed feature.</summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class FeatureOptionTests
{
    private static TempSuite Suite()
    {
        var suite = FeatureListTests.WithList();
        suite.Write("a/queue", Scenario("Queue", "queue"));
        suite.Write("a/pipe", Scenario("Pipe", "pipe"));
        suite.Write("a/both", Scenario("Queue, Process", "both"));
        return suite;
    }

    private static string Scenario(string features, string text) => $"description: Main prints.\nfeatures: [{features}]\nmain:\n  - print: \"{text}\"\n";

    [TestCase(new[] { "--features", "Queue" }, 2)]
    [TestCase(new[] { "--features", "Queue,Pipe" }, 3)]
    [TestCase(new[] { "--features", "Pipe", "--features", "Process" }, 2)]
    [TestCase(new[] { "--features", "Queue", "--exclude-features", "Process" }, 1)]
    [TestCase(new[] { "--exclude-features", "Queue" }, 1)]
    [TestCase(new[] { "--exclude-features", "Pipe , Process" }, 1)]
    [TestCase(new[] { "--features", "shared memory" }, 0)]
    public async Task Validate_counts_the_scenarios_the_features_select(string[] options, int selected)
    {
        using var suite = Suite();
        var result = await Cli.RunAsync(["validate", .. options, "--root", suite.Root]);
        Assert.That(result.Code, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Does.Contain($": {selected} of 3 valid scenario(s)").And.Contain($"{selected} valid, 0 invalid"));
    }

    [Test]
    public async Task Run_runs_only_the_selected_scenarios()
    {
        using var suite = Suite();
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(90), "run", "--backend", "cpython", "--features", "Pipe,Process", "--exclude-features", "Queue", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(result.Stdout, Does.Contain("features with any of Pipe, Process; without Queue: 1 of 3 scenario(s)"), result.Stdout + result.Stderr);
            Assert.That(result.Stdout, Does.Contain("a/pipe"));
            Assert.That(result.Stdout, Does.Not.Contain("a/queue").And.Not.Contain("a/both"));
        });
    }

    [Test]
    public async Task A_selection_of_no_scenario_is_a_usage_error_on_run()
    {
        using var suite = Suite();
        var result = await Cli.RunAsync("run", "--backend", "cpython", "--features", "shared memory", "--root", suite.Root);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("no selected scenario has the features asked for (with any of shared memory)"));
    }

    [TestCase("run", "--features", "Queu", "--features: unknown feature 'Queu'; features are listed in scenarios/features.txt; did you mean 'Queue'?")]
    [TestCase("run", "--exclude-features", "Queue,pipe", "--exclude-features: unknown feature 'pipe'; features are listed in scenarios/features.txt; did you mean 'Pipe'?")]
    [TestCase("validate", "--features", "Nothing", "--features: unknown feature 'Nothing'; features are listed in scenarios/features.txt")]
    [TestCase("run", "--features", "Queue,,Pipe", "--features 'Queue,,Pipe' has an empty name")]
    [TestCase("validate", "--exclude-features", "", "--exclude-features '' has an empty name")]
    public async Task Unknown_or_empty_feature_names_are_usage_errors_naming_the_list(string verb, string option, string value, string message)
    {
        using var suite = Suite();
        var result = await Cli.RunAsync(verb, option, value, "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(2));
            Assert.That(result.Stderr, Does.StartWith($"error: {message}"));
            Assert.That(result.Stdout, Does.Not.Contain("valid"), "nothing is validated or run");
        });
    }

    [Test]
    public async Task Feature_options_need_the_suite_to_have_a_list()
    {
        using var suite = new TempSuite();
        suite.Write("a/queue", Scenario("Queue", "queue"));
        var result = await Cli.RunAsync("validate", "--features", "Queue", "--root", suite.Root);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("select by the names of scenarios/features.txt").And.Contain("has no features.txt"));
    }

    [Test]
    public async Task An_invalid_list_is_reported_once_and_nothing_validates()
    {
        using var suite = Suite();
        File.WriteAllText(Path.Combine(suite.Paths.Scenarios, FeatureList.FileName), "Queue\nPipe\nProcess\n");
        var result = await Cli.RunAsync("validate", "--root", suite.Root);
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(2));
            Assert.That(errors, Has.Length.EqualTo(1), result.Stderr);
            Assert.That(errors[0], Does.EndWith("features.txt:2:1: feature 'Pipe' is out of order after 'Queue'; the list is sorted by ordinal comparison (capitals first), so a name is easy to find and a merge adds lines without conflicts"));
        });
    }

    [TestCase("queue/put-get", "Queue")]
    [TestCase("shared-memory/attach", "shared memory")]
    [TestCase("widget/spin", "Process")]
    public async Task New_writes_a_listed_feature_that_validates(string id, string feature)
    {
        using var suite = FeatureListTests.WithList();
        var made = await Cli.RunAsync("new", id, "--root", suite.Root);
        Assert.That(made.Code, Is.Zero, made.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(suite.Paths.Scenarios, id + ".yaml")), Does.Contain($"\nfeatures: [{feature}]\n"));
        Assert.That(made.Stdout, Does.Contain($"features: [{feature}] (add the names the scenario exercises, from scenarios/features.txt)"));
        var validated = await Cli.RunAsync("validate", id, "--root", suite.Root);
        Assert.That((validated.Code, validated.Stdout.Trim()), Is.EqualTo((0, "1 valid, 0 invalid")), validated.Stderr);
    }
}
