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
    public void Invariants_and_output_rules_are_parsed_once_into_typed_objects()
    {
        var scenario = Yaml.Load("""
            description: Typed rules.
            features: [Event]
            main:
              - set: e
                to: {new: Event}
              - call: e.set
              - print: [done]
            invariants:
              - name: set-then-print
                before: {first: {process: main, obj: e, op: [set, clear]}, then: {ev: print, text: '^done$'}, quantifier: any}
              - name: quick
                max_elapsed: {from: {obj: e, op: set, ev: call}, to: {ev: print}, seconds: 1.5}
              - name: few
                count: {of: {ev: print}, at_least: 1, at_most: {mul: [$cpu_count, 2]}}
            output:
              scrub: [{regex: 'd(o)ne', replace: 'D$1NE'}, {value: $cpu_count, token: CPUS, in: '^cpus'}]
              sort: [['^a', '^b'], '^z']
              collapse: ['^x$']
            """);

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Invariants.Select(i => (i.Name, i.Kind)), Is.EqualTo(new[] { ("set-then-print", "before"), ("quick", "max_elapsed"), ("few", "count") }));
            var before = (BeforeInvariant)scenario.Invariants[0];
            Assert.That(before.All, Is.False);
            Assert.That(before.First.Process!.IsMatch("MainProcess") && !before.First.Process.IsMatch("Process-1"), Is.True, "main is MainProcess, as a whole-name glob");
            Assert.That(before.First.Ops, Is.EqualTo(new[] { "set", "clear" }));
            Assert.That(before.Then.Text!.ToString(), Is.EqualTo("^done$"));
            Assert.That(before.Then.ToString(), Is.EqualTo("{ev: 'print', text: '^done$'}"));
            Assert.That(scenario.Invariants[1], Is.EqualTo(new ElapsedInvariant("quick", ((ElapsedInvariant)scenario.Invariants[1]).From,
                ((ElapsedInvariant)scenario.Invariants[1]).To, 1.5, AtMost: true)));
            var bounds = ((CountInvariant)scenario.Invariants[2]).Bounds;
            Assert.That(bounds.Select(b => b.Relation), Is.EqualTo(new[] { CountRelation.AtLeast, CountRelation.AtMost }));
            Assert.That(bounds[0].Value, Is.EqualTo(new ValueExpression.Literal(1)));
            var product = (ValueExpression.Operation)bounds[1].Value;
            Assert.That(product.Operator, Is.EqualTo("mul"));
            Assert.That(product.Operands, Is.EqualTo(new ValueExpression[] { new ValueExpression.Fact("$cpu_count"), new ValueExpression.Literal(2) }));
            Assert.That(scenario.Output.Scrubs[0], Is.TypeOf<Scrub.Pattern>());
            Assert.That(((Scrub.Number)scenario.Output.Scrubs[1]).In!.ToString(), Is.EqualTo("^cpus"));
            Assert.That(scenario.Output.SortGroups.Select(g => g.Select(r => r.ToString())), Is.EqualTo(new[] { new[] { "^a", "^b" }, new[] { "^z" } }),
                "a sort group written as one regex is a group of one");
            Assert.That(scenario.Output.Collapse.Select(r => r.ToString()), Is.EqualTo(new[] { "^x$" }));
        });
    }

    [Test]
    public void A_scenario_without_invariants_or_output_rules_has_none()
    {
        var scenario = Yaml.Load("""
            description: Nothing to check.
            features: [print]
            main: [pass]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Invariants, Is.Empty);
            Assert.That(scenario.Output, Is.EqualTo(OutputRules.None));
        });
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
