using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

/// <summary><c>timeout: short | long | seconds</c>: what each stands for, and located errors for anything else.</summary>
public sealed class TimeoutClassTests
{
    private const string Head = """
        description: Nothing happens.
        features: [print]
        main: [pass]

        """;

    [TestCase("timeout: short", 30, "timeout: short")]
    [TestCase("timeout: long", 120, "timeout: long")]
    [TestCase("timeout: 45", 45, "timeout: 45")]
    [TestCase("timeout: 2.5", 2.5, "timeout: 2.5")]
    [TestCase("", 30, "timeout: short, the default")]
    public void A_timeout_is_a_class_or_seconds(string line, double seconds, string described)
    {
        var scenario = Yaml.Load(Head + line + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(scenario.TimeoutSeconds, Is.EqualTo(seconds));
            Assert.That(scenario.Timeout.Seconds, Is.EqualTo(seconds));
            Assert.That(scenario.Timeout.ToString(), Is.EqualTo(described));
        });
    }

    [TestCase("timeout: shrot", "unknown timeout class 'shrot'; expected short (30 s), long (120 s) or a positive number of seconds; did you mean 'short'?")]
    [TestCase("timeout: medium", "unknown timeout class 'medium'")]
    [TestCase("timeout: 0", "timeout must be positive, found 0")]
    [TestCase("timeout: -5", "timeout must be positive, found -5")]
    [TestCase("timeout: [30]", "expected short (30 s), long (120 s) or a positive number of seconds, found a list")]
    [TestCase("timeout: true", "found a boolean")]
    [TestCase("timeout:", "found null")]
    public void Anything_else_is_an_error_at_the_timeout_key(string line, string fragment)
    {
        Yaml.SingleError(Head + line + "\n", 4, 1, fragment);
    }

    [Test]
    public void Every_scenario_of_the_suite_names_a_class()
    {
        var paths = Conformance.Harness.Running.SuitePaths.Locate();
        var numeric = ScenarioLoader.Discover(paths.Scenarios)
            .Select(f => ScenarioLoader.Load(paths.Scenarios, f))
            .Where(s => s.Timeout.Written is not ("short" or "long" or null))
            .Select(s => $"{s.Id}: {s.Timeout}")
            .ToList();

        Assert.That(numeric, Is.Empty, "use timeout: short or long; seconds only for a scenario that fits neither");
    }
}
