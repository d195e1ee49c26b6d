using System.Text.Json.Nodes;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

public sealed class LoadValidScenarioTests
{
    private const string Valid = """
        description: An event wakes a waiting child.
        features: [Event, Process]
        tutorial: "3"
        timeout: 12.5
        functions:
          waiter:
            params: [e]
            steps:
              - call: e.wait
                args: [2]
              - print: {format: "woke {e}"}
        main:
          - set: e
            to: {new: Event}
          - set: p
            to: {new: Process, kwargs: {target: $waiter, args: {tuple: [$e]}, name: Waiter}}
          - call: p.start
          - sleep: 0.5
          - call: e.set
          - call: p.join
          - print: ['$$literal', null, true, 0x1F, -3, '42', ~, 1e3]
        invariants:
          - name: set-before-wake
            before: {first: {obj: e, op: set}, then: {process: Waiter, obj: e, op: wait, ev: return}}
        """;

    [Test]
    public void Loads_with_core_schema_types_id_and_timeout()
    {
        var scenario = Yaml.Load(Valid);

        Assert.That(scenario.Id, Is.EqualTo("x"));
        Assert.That(scenario.Document["id"]!.GetValue<string>(), Is.EqualTo("x"));
        Assert.That(scenario.SourcePath, Is.EqualTo(Yaml.File));
        Assert.That(scenario.TimeoutSeconds, Is.EqualTo(12.5));
        Assert.That(scenario.Tutorial, Is.EqualTo("3"));

        var printed = scenario.Document["main"]![6]!["print"]!.AsArray();
        Assert.That(printed[0]!.GetValue<string>(), Is.EqualTo("$$literal"));
        Assert.That(printed[1], Is.Null);
        Assert.That(printed[2]!.GetValue<bool>(), Is.True);
        Assert.That(printed[3]!.GetValue<long>(), Is.EqualTo(31));
        Assert.That(printed[4]!.GetValue<long>(), Is.EqualTo(-3));
        Assert.That(printed[5]!.GetValue<string>(), Is.EqualTo("42"));
        Assert.That(printed[6], Is.Null);
        Assert.That(printed[7]!.GetValue<double>(), Is.EqualTo(1000.0));
    }

    [Test]
    public void Timeout_defaults_to_the_short_class()
    {
        var scenario = Yaml.Load("""
            description: Nothing happens.
            features: [print]
            main: [pass]
            """);

        Assert.That(scenario.TimeoutSeconds, Is.EqualTo(ScenarioTimeout.ShortSeconds));
        Assert.That(scenario.Timeout.ToString(), Is.EqualTo("timeout: short, the default"));
    }

    [Test]
    public void Locations_point_at_keys_for_map_entries_and_at_items_for_list_items()
    {
        var scenario = Yaml.Load(Valid);

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Locations[""], Is.EqualTo((1, 1)));
            Assert.That(scenario.Locations["/timeout"], Is.EqualTo((4, 1)));
            Assert.That(scenario.Locations["/functions/waiter/steps/0"], Is.EqualTo((9, 9)));
            Assert.That(scenario.Locations["/functions/waiter/steps/0/args/0"], Is.EqualTo((10, 16)));
            Assert.That(scenario.Locations["/main"], Is.EqualTo((12, 1)));
            Assert.That(scenario.Locations["/main/1/to/kwargs/name"], Is.EqualTo((16, 71)));
            Assert.That(scenario.Locations["/main/6/print/7"], Is.EqualTo((21, 57)));
            Assert.That(scenario.LocationOf("/main/3/sleep"), Is.EqualTo("scenarios/x.yaml:18:5"));
            Assert.That(scenario.LocationOf("/main/99"), Is.EqualTo("scenarios/x.yaml:12:1"));
        });
    }

    [Test]
    public void Document_is_plain_json_for_backends()
    {
        var json = Yaml.Load(Valid).Document.ToJsonString();

        var reparsed = JsonNode.Parse(json)!.AsObject();
        Assert.That(reparsed["features"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "Event", "Process" }));
        Assert.That(reparsed["timeout"]!.GetValue<double>(), Is.EqualTo(12.5));
    }

    [Test]
    public void Id_is_the_path_under_the_root_without_extension()
    {
        Assert.That(ScenarioLoader.IdOf("scenarios", "scenarios/queue/get-timeout.yaml"), Is.EqualTo("queue/get-timeout"));
    }

    [Test]
    public void Float_literals_reach_the_backends_as_floats_even_when_whole()
    {
        var scenario = Yaml.Load("""
            description: Floats.
            features: [float]
            main:
              - print: [3.0, -0.0, 1e16, 2, 0.5]
            """);

        Assert.That(scenario.Document["main"]![0]!["print"]!.ToJsonString(), Is.EqualTo("[3.0,-0.0,10000000000000000.0,2,0.5]"));
    }
}
