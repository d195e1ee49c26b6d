using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>The <c>linearizable</c> invariant: a label some step binds, a known model, an initial state of the model's shape, the model's operations.</summary>
internal sealed partial class ScenarioValidator
{
    private void Linearizable(JsonObject body, string ptr)
    {
        if (body.TryGetPropertyValue("obj", out var o) && String(o, ptr + "/obj", "an object label") is { } label && !_labels.Contains(label))
        {
            var labels = _labels.Order(StringComparer.Ordinal).ToList();
            bag.Add(ptr + "/obj", $"no object is labelled '{label}', so none of its operations can be checked{Names.DidYouMean(label, labels)}; labels are the names bound by 'set' steps: {Names.List(labels)}");
        }
        var models = Vocabulary.LinearizableModels;
        Language.LinearizableModel? model = null;
        if (body.TryGetPropertyValue("model", out var m) && String(m, ptr + "/model", "a model name") is { } name)
        {
            if (!models.TryGetValue(name, out model))
                bag.Add(ptr + "/model", $"unknown model '{name}'{Names.DidYouMean(name, models.Keys)}; expected one of: {Names.List(models.Keys)}");
        }
        if (body.TryGetPropertyValue("initial", out var i) && String(i, ptr + "/initial", "the initial state as a Python repr, quoted (e.g. \"{'a': 0}\")") is { } initial)
        {
            if (PyLiteral.TryParse(initial, out var error) is not { } value)
                bag.Add(ptr + "/initial", $"the initial state is not a plain-data repr: {error}");
            else if (model is not null && Shape(model.Name, value) is { } expected)
                bag.Add(ptr + "/initial", $"the initial state of the {model.Name} model must be {expected}, found {value.Repr()}");
        }
        if (body.TryGetPropertyValue("ops", out var ops) && List(ops, ptr + "/ops", "a list of the model's operations") is { } list)
        {
            if (list.Count == 0)
                bag.Add(ptr + "/ops", "expected at least one operation, found an empty list");
            for (var k = 0; k < list.Count; k++)
            {
                var optr = Pointer.Append(ptr + "/ops", k);
                if (String(list[k], optr, "an operation name") is not { } op || model is null)
                    continue;
                var known = model.Ops.Select(x => x.Name).ToList();
                if (!known.Contains(op))
                    bag.Add(optr, $"'{op}' is not an operation of the {model.Name} model{Names.DidYouMean(op, known)}; its operations are: {Names.List(known)}");
            }
        }
    }

    /// <summary>What an initial state of <paramref name="model"/> must be, when <paramref name="value"/> is not that.</summary>
    private static string? Shape(string model, PyValue value) => model switch
    {
        "dict" when value is not PyValue.DictValue => "a dict",
        "list" when value is not PyValue.SequenceValue { IsTuple: false } => "a list",
        "namespace" when value is not PyValue.DictValue d || d.Entries.Any(e => e.Key is not PyValue.StrValue) => "a dict of attribute names (strs) to values",
        _ => null,
    };
}
