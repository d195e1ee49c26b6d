using System.Diagnostics;
using System.Globalization;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Running;

namespace Conformance.Tests.Loading;

/// <summary>Bounded input: anchors and aliases are refused, and size, depth and node count are limited, before any tree is built.</summary>
public sealed class LimitTests
{
    private const string Refusal = "YAML anchors and aliases are not allowed in scenario files; write the value out";

    [Test]
    public void Alias_bomb_is_refused_at_its_anchors_and_aliases_quickly_and_in_little_memory()
    {
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var errors = Yaml.Errors(HostileYaml.AliasBomb());

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Multiple(() =>
        {
            Assert.That(errors[0], Is.EqualTo($"{Yaml.File}:1:4: anchor '&a': {Refusal}"));
            Assert.That(errors[1], Is.EqualTo($"{Yaml.File}:2:4: anchor '&b': {Refusal}"));
            Assert.That(errors[2], Is.EqualTo($"{Yaml.File}:2:8: alias '*a': {Refusal}"));
            Assert.That(errors, Has.Count.EqualTo(7 + 6 * 10), "every anchor and every alias, nothing else");
            // Expanded, the bomb is 10^7 scalars (gigabytes); refused, it costs a few megabytes. The bounds only have to
            // tell those apart, so they are generous enough for a loaded 2-core machine.
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
            Assert.That(allocated, Is.LessThan(200L << 20), "bytes allocated while loading");
        });
    }

    [Test]
    public void A_single_alias_is_refused_at_the_alias()
    {
        Yaml.SingleError(HostileYaml.Head + "  - print: *greeting\n", 4, 12, $"alias '*greeting': {Refusal}");
    }

    [Test]
    public void An_anchor_alone_is_refused_at_the_anchor()
    {
        Yaml.SingleError(HostileYaml.Head + "  - print: &greeting hello\n", 4, 12, $"anchor '&greeting': {Refusal}");
    }

    [Test]
    public void A_merge_key_is_refused_at_its_alias_and_the_tree_is_not_built()
    {
        var errors = Yaml.Errors("""
            description: Merge.
            features: [print]
            defaults: &defaults {end: ""}
            main:
              - print: hello
                <<: *defaults
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{Yaml.File}:3:11: anchor '&defaults': {Refusal}",
            $"{Yaml.File}:6:9: alias '*defaults': {Refusal}",
        }), "no 'unknown key' for defaults or <<: the document is refused before it is validated");
    }

    [Test]
    public void Text_one_byte_over_the_size_limit_is_refused_at_the_start()
    {
        Yaml.SingleError(HostileYaml.Sized(ScenarioLimits.MaxFileBytes + 1), 1, 1,
            $"the file is {N(ScenarioLimits.MaxFileBytes + 1)} bytes, larger than the limit of {N(ScenarioLimits.MaxFileBytes)} bytes for a scenario file");
    }

    [Test]
    public void Text_size_is_counted_in_utf8_bytes_not_characters()
    {
        var text = HostileYaml.Sized(ScenarioLimits.MaxFileBytes + 1, padding: 'é');
        Assert.That(text, Has.Length.LessThan(ScenarioLimits.MaxFileBytes));

        Yaml.SingleError(text, 1, 1, $"the file is {N(ScenarioLimits.MaxFileBytes + 1)} bytes");
    }

    [Test]
    public void Text_at_the_size_limit_loads()
    {
        Assert.That(() => Yaml.Load(HostileYaml.Sized(ScenarioLimits.MaxFileBytes)), Throws.Nothing);
    }

    [Test]
    public void A_file_over_the_size_limit_is_refused_from_its_length_and_one_at_the_limit_loads()
    {
        using var suite = new TempSuite();
        var over = suite.Write("limits/over", HostileYaml.Sized(ScenarioLimits.MaxFileBytes + 1));
        suite.Write("limits/at", HostileYaml.Sized(ScenarioLimits.MaxFileBytes));

        var e = Assert.Throws<ScenarioValidationException>(() => suite.Load("limits/over"))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
            {
                $"{over}:1:1: the file is {N(ScenarioLimits.MaxFileBytes + 1)} bytes, larger than the limit of {N(ScenarioLimits.MaxFileBytes)} bytes for a scenario file; split the behaviour into several scenarios",
            }));
            Assert.That(() => suite.Load("limits/at"), Throws.Nothing);
        });
    }

    [Test]
    public void A_file_without_an_end_is_read_no_further_than_the_limit()
    {
        if (!File.Exists("/dev/zero"))
            Assert.Ignore("needs /dev/zero: a file whose length says nothing about how much can be read");

        var e = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(Yaml.Root, "/dev/zero"))!;

        Assert.That(e.Diagnostics.Single().ToString(), Does.StartWith($"/dev/zero:1:1: the file is more than {N(ScenarioLimits.MaxFileBytes)} bytes, larger than the limit"));
    }

    [Test]
    public void Nesting_one_level_past_the_limit_is_refused_at_the_collection_that_passes_it()
    {
        // Levels 4.. are the '[' from column 12, so level MaxDepth + 1 is at column 12 + MaxDepth - 3.
        Yaml.SingleError(HostileYaml.Nested(ScenarioLimits.MaxDepth + 1), 4, 12 + ScenarioLimits.MaxDepth - 3,
            $"lists and maps are nested more than {ScenarioLimits.MaxDepth} levels deep here, the limit for a scenario file");
    }

    [Test]
    public void Nesting_at_the_limit_loads()
    {
        Assert.That(() => Yaml.Load(HostileYaml.Nested(ScenarioLimits.MaxDepth)), Throws.Nothing);
    }

    [Test]
    public void A_hundred_thousand_open_brackets_are_refused_without_overflowing_the_stack()
    {
        Yaml.SingleError(HostileYaml.Head + "  - print: " + new string('[', 100_000) + "\n", 4, 12 + ScenarioLimits.MaxDepth - 3, "nested more than");
    }

    [Test]
    public void One_node_past_the_limit_is_refused_at_that_node()
    {
        // Node HeadNodes + 1 is the first value, on line 5.
        Yaml.SingleError(HostileYaml.Nodes(ScenarioLimits.MaxNodes + 1), 5 + ScenarioLimits.MaxNodes - HostileYaml.HeadNodes, 9,
            $"the file has more than {N(ScenarioLimits.MaxNodes)} YAML nodes (keys, values and list items), the limit for a scenario file");
    }

    [Test]
    public void Nodes_at_the_limit_load()
    {
        Assert.That(() => Yaml.Load(HostileYaml.Nodes(ScenarioLimits.MaxNodes)), Throws.Nothing);
    }

    /// <summary>A number as the messages write it: 1,048,576.</summary>
    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
