namespace Conformance.Tests.Loading;

/// <summary><c>chaos: false</c> with its <c>chaos_reason</c>: the only way out of chaos mode, and it must say why.</summary>
public sealed class ChaosOptOutTests
{
    private const string Body = """
        description: A timing bound.
        features: [Event]
        main: [pass]

        """;

    [Test]
    public void A_scenario_runs_with_chaos_unless_it_says_otherwise()
    {
        var scenario = Yaml.Load(Body);

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Chaos, Is.True);
            Assert.That(scenario.ChaosReason, Is.Null);
        });
    }

    [Test]
    public void Chaos_false_with_a_reason_opts_out()
    {
        var scenario = Yaml.Load(Body + "chaos: false\nchaos_reason: the claim is a 0.1 s timeout\n");

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Chaos, Is.False);
            Assert.That(scenario.ChaosReason, Is.EqualTo("the claim is a 0.1 s timeout"));
        });
    }

    [Test]
    public void Chaos_false_without_a_reason_is_located_at_the_chaos_key() =>
        Yaml.SingleError(Body + "chaos: false\n", 4, 1, "chaos: false needs a reason; add chaos_reason:");

    [TestCase("''")]
    [TestCase("'   '")]
    public void An_empty_reason_is_located_at_the_reason(string reason) =>
        Yaml.SingleError(Body + $"chaos: false\nchaos_reason: {reason}\n", 5, 1, "chaos_reason is empty; expected a sentence");

    [Test]
    public void A_reason_that_is_not_text_is_located_at_the_reason() =>
        Yaml.SingleError(Body + "chaos: false\nchaos_reason: [a, b]\n", 5, 1, "expected a sentence saying why the scenario opts out of chaos mode, found a list");

    [Test]
    public void A_reason_without_chaos_false_is_an_error() =>
        Yaml.SingleError(Body + "chaos: true\nchaos_reason: because\n", 5, 1, "chaos_reason without chaos: false");

    [Test]
    public void Chaos_takes_a_boolean() =>
        Yaml.SingleError(Body + "chaos: off\nchaos_reason: because\n", 4, 1, "expected true or false");
}
