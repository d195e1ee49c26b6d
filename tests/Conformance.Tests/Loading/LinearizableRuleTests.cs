using Conformance.Harness.Checks.Internal.Linearizability;
using Conformance.Harness.Language;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

/// <summary>The <c>linearizable</c> invariant's rules: each problem located at its key.</summary>
public sealed class LinearizableRuleTests
{
    private const string Head = """
        description: Rules.
        features: [x]
        main:
          - set: mgr
            to: {new: Manager}
          - set: d
            to: {call: mgr.dict}
        invariants:

        """;

    [Test]
    public void A_valid_invariant_loads_with_its_initial_state_parsed()
    {
        var scenario = Yaml.Load(Head + """
              - name: lin
                linearizable: {obj: d, model: dict, initial: "{'a': 0, 1: [None]}", ops: [get, __setitem__]}
            """);
        var invariant = (LinearizableInvariant)scenario.Invariants.Single();
        Assert.That((invariant.Obj, invariant.Model, invariant.Initial?.Repr(), invariant.Ops),
            Is.EqualTo(("d", "dict", "{'a': 0, 1: [None]}", (IReadOnlyList<string>)["get", "__setitem__"])));
    }

    [Test]
    public void Obj_is_required() =>
        Yaml.SingleError(Head + """
              - name: lin
                linearizable: {model: dict}
            """, 10, 5, "missing key 'obj' in a 'linearizable' invariant");

    [Test]
    public void Obj_must_be_a_label() =>
        Yaml.SingleError(Head + """
              - name: lin
                linearizable: {obj: dd, model: dict}
            """, 10, 20, "no object is labelled 'dd', so none of its operations can be checked; did you mean 'd'?");

    [Test]
    public void An_unknown_model_is_named_with_the_known_ones() =>
        Yaml.SingleError(Head + """
              - name: lin
                linearizable: {obj: d, model: dictionary}
            """, 10, 28, "unknown model 'dictionary'");

    [Test]
    public void An_op_outside_the_model_is_located_in_ops()
    {
        var errors = Yaml.Errors(Head + """
              - name: lin
                linearizable: {obj: d, model: dict, ops: [get, append]}
            """);
        Assert.That(errors, Is.EqualTo(new[]
        {
            "scenarios/x.yaml:10:52: 'append' is not an operation of the dict model; its operations are: __getitem__, get, __setitem__, setdefault, pop, " +
            "__delitem__, __contains__, __len__, len, keys, values, items, copy, clear, update, popitem",
        }));
    }

    [Test]
    public void The_initial_state_must_be_plain_data_of_the_models_shape()
    {
        Yaml.SingleError(Head + """
              - name: lin
                linearizable: {obj: d, model: dict, initial: "{'a': Point()}"}
            """, 10, 41, "the initial state is not a plain-data repr: 'Point' is not a literal");
        Yaml.SingleError(Head + """
              - name: lin
                linearizable: {obj: d, model: list, initial: "{}"}
            """, 10, 41, "the initial state of the list model must be a list, found {}");
        Yaml.SingleError(Head + """
              - name: lin
                linearizable: {obj: d, model: namespace, initial: "{1: 2}"}
            """, 10, 46, "must be a dict of attribute names (strs) to values");
    }

    [Test]
    public void The_checks_models_are_the_definitions()
    {
        var defined = LanguageDefinition.Current.LinearizableModels;
        Assert.That(SequentialModels.All.Keys, Is.EquivalentTo(defined.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (name, model) in SequentialModels.All)
            {
                Assert.That(model.Ops, Is.EqualTo(defined[name].Ops.Select(o => o.Name)), name);
                Assert.That(model.Empty, Is.EqualTo(PyLiteral.Parse(defined[name].Initial)), name);
            }
        });
    }
}
