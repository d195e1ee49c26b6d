using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Steps: one kind per step, its keys, its nested bodies, and the names it binds or reads.</summary>
internal sealed partial class ScenarioValidator
{
    private static IReadOnlyDictionary<string, Language.Shape> StepShapes => Vocabulary.Steps;

    private static string[] WordSteps => Vocabulary.WordSteps;

    private void Body(JsonNode? node, string ptr, Scope scope, bool inLoop = false)
    {
        if (List(node, ptr, "a list of steps") is not { } steps)
            return;
        for (var i = 0; i < steps.Count; i++)
            Step(steps[i], Pointer.Append(ptr, i), scope, inLoop);
    }

    private void Step(JsonNode? node, string ptr, Scope scope, bool inLoop)
    {
        if (AsString(node) is { } word)
        {
            if (!WordSteps.Contains(word))
                bag.Add(ptr, $"unknown step '{word}'; expected a map such as {{set: x, to: 1}} or one of: {Names.List(WordSteps)}");
            else if (word != "pass" && !inLoop)
                bag.Add(ptr, $"'{word}' outside a loop; it is only allowed inside 'while' or 'for'");
            return;
        }
        if (node is not JsonObject step)
        {
            bag.Add(ptr, $"expected a step (a map, or one of: {Names.List(WordSteps)}), found {Kind(node)}");
            return;
        }

        var kinds = step.Select(kv => kv.Key).Where(StepShapes.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            var found = step.Count == 0 ? "an empty map" : $"keys {Names.List(step.Select(kv => $"'{kv.Key}'"))}";
            var hint = kinds.Count == 0 && step.Count > 0 ? Names.DidYouMean(step.First().Key, StepShapes.Keys) : "";
            bag.Add(ptr, kinds.Count == 0
                ? $"a step needs exactly one of: {Names.List(StepShapes.Keys)}; found {found}{hint}"
                : $"a step has several kinds ({Names.List(kinds)}); expected exactly one per step");
            return;
        }

        var kind = kinds[0];
        var shape = StepShapes[kind];
        CheckKeys(step, ptr, $"a '{kind}' step", shape.Allowed, shape.Required);
        var head = Pointer.Append(ptr, kind);
        switch (kind)
        {
            case "set" when step["set"] is JsonArray targets:
                TargetList(targets, head);
                Expr(step["to"], ptr + "/to", scope);
                break;
            case "set":
                SetTarget(step["set"], head, scope);
                Expr(step["to"], ptr + "/to", scope);
                break;
            case "setitem":
                Expr(step["setitem"], head, scope);
                Expr(step["key"], ptr + "/key", scope);
                Expr(step["to"], ptr + "/to", scope);
                break;
            case "call":
                Call(step, ptr, scope);
                break;
            case "print":
                if (step["print"] is JsonArray values)
                {
                    for (var i = 0; i < values.Count; i++)
                        Expr(values[i], Pointer.Append(head, i), scope);
                }
                else
                    Expr(step["print"], head, scope);
                if (step.TryGetPropertyValue("end", out var end))
                    Expr(end, ptr + "/end", scope);
                break;
            case "write" or "sleep" or "if" or "while":
                Expr(step[kind], head, scope);
                break;
            case "with":
                Expr(step["with"], head, scope);
                if (step.TryGetPropertyValue("as", out var asName))
                    BoundName(asName, ptr + "/as");
                break;
            case "for" when step["for"] is JsonArray targets:
                TargetList(targets, head);
                Expr(step["in"], ptr + "/in", scope);
                break;
            case "for":
                BoundName(step["for"], head);
                Expr(step["in"], ptr + "/in", scope);
                break;
            case "try":
                Try(step, ptr, scope, inLoop);
                break;
            case "raise":
                ExceptionType(step["raise"], head);
                if (step.TryGetPropertyValue("message", out var message))
                    Expr(message, ptr + "/message", scope);
                break;
            case "return":
                if (!scope.IsCallable)
                    bag.Add(head, "'return' outside a function; main cannot return");
                Expr(step["return"], head, scope);
                break;
            case "yield":
                if (!scope.IsCallable)
                    bag.Add(head, "'yield' outside function; only a function's or method's body can yield (it makes a generator function)");
                Expr(step["yield"], head, scope);
                break;
        }

        var loopBody = kind is "while" or "for";
        foreach (var body in new[] { "do", "then", "else" })
        {
            if (step.TryGetPropertyValue(body, out var steps))
                Body(steps, Pointer.Append(ptr, body), scope, inLoop || loopBody);
        }
    }

    private void Try(JsonObject step, string ptr, Scope scope, bool inLoop)
    {
        Body(step["try"], ptr + "/try", scope, inLoop);
        if (!step.ContainsKey("except") && !step.ContainsKey("finally"))
            bag.Add(ptr, "a 'try' step needs 'except', 'finally' or both");
        if (step.TryGetPropertyValue("finally", out var final))
            Body(final, ptr + "/finally", scope, inLoop);
        if (!step.TryGetPropertyValue("except", out var node) || List(node, ptr + "/except", "a list of handlers ({type, as, do})") is not { } handlers)
            return;
        for (var i = 0; i < handlers.Count; i++)
        {
            var hptr = Pointer.Append(ptr + "/except", i);
            if (Map(handlers[i], hptr, "a handler ({type: T, as: e, do: [steps]})") is not { } handler)
                continue;
            CheckKeys(handler, hptr, "an 'except' handler", Vocabulary.Handler.Allowed, Vocabulary.Handler.Required);
            if (handler.TryGetPropertyValue("type", out var type))
                ExceptionType(type, hptr + "/type");
            if (handler.TryGetPropertyValue("as", out var asName))
                BoundName(asName, hptr + "/as");
            if (handler.TryGetPropertyValue("do", out var body))
                Body(body, hptr + "/do", scope, inLoop);
        }
    }

    private void ExceptionType(JsonNode? node, string ptr)
    {
        if (String(node, ptr, "an exception type name") is { } type && !Vocabulary.ExceptionTypes.Contains(type))
            bag.Add(ptr, $"unknown exception type '{type}'{Names.DidYouMean(type, Vocabulary.ExceptionTypes)}; expected one of: {Names.List(Vocabulary.ExceptionTypes)}");
    }

    /// <summary>A name a step binds (for, as); the binding itself was collected with the scope.</summary>
    private void BoundName(JsonNode? node, string ptr)
    {
        if (String(node, ptr, "a variable name") is { } name && !Names.IsIdentifier(name))
            bag.Add(ptr, $"'{name}' is not a valid variable name; expected a Python identifier");
    }

    private void SetTarget(JsonNode? node, string ptr, Scope scope)
    {
        if (String(node, ptr, "a variable name or obj.attr") is not { } target)
            return;
        if (Names.SplitPath(target) is not { } path)
        {
            bag.Add(ptr, $"'{target}' is not a valid target; expected a variable name or obj.attr");
            return;
        }
        if (path.Length == 1)
        {
            _labels.Add(target);
            return;
        }
        if (Defined(path[0], ptr, scope, ""))
            ReadablePath(path, ptr, skipLast: 1);
        Declarable(path[^1], ptr, "attribute");
        if (path[^1] == "name")
        {
            // Renaming an object that may be a process: any process name becomes possible.
            _processNames.Add("*");
        }
    }

    /// <summary>Reports an undefined root name, suggesting the nearest defined one.</summary>
    private bool Defined(string name, string ptr, Scope scope, string prefix, string suffix = "")
    {
        if (scope.Names.Contains(name))
            return true;
        bag.Add(ptr, $"'{prefix}{name}{suffix}' is not defined{Names.DidYouMean(name, scope.Names, prefix, suffix)}");
        return false;
    }
}
