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
            else if (word is "break" or "continue" && !inLoop)
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
                TargetList(targets, head, label: true);
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
                if (step.TryGetPropertyValue("sep", out var sep))
                    Expr(sep, ptr + "/sep", scope);
                if (step.TryGetPropertyValue("end", out var end))
                    Expr(end, ptr + "/end", scope);
                break;
            case "expr":
                Expr(step["expr"], head, scope);
                break;
            case "del":
                DelTarget(step["del"], head, scope);
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
                Raise(step, ptr, scope);
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

    /// <summary><c>raise: T</c> with <c>message</c> or <c>args</c>, <c>raise: $e</c> (a value, raised as it is), and <c>from</c>.</summary>
    private void Raise(JsonObject step, string ptr, Scope scope)
    {
        var head = ptr + "/raise";
        if (AsString(step["raise"]) is { } text && text.StartsWith('$') && !text.StartsWith("$$", StringComparison.Ordinal))
        {
            Expr(step["raise"], head, scope);
            foreach (var key in new[] { "message", "args" })
            {
                if (step.ContainsKey(key))
                    bag.Add(Pointer.Append(ptr, key), $"raise: {text} raises the value as it is; '{key}' is only for raise: T (an exception type)");
            }
        }
        else
            ExceptionType(step["raise"], head);
        if (step.ContainsKey("message") && step.ContainsKey("args"))
            bag.Add(ptr + "/args", "a 'raise' step takes 'message' (one argument) or 'args' (a list of arguments), not both");
        if (step.TryGetPropertyValue("message", out var message))
            Expr(message, ptr + "/message", scope);
        if (step.TryGetPropertyValue("args", out var args) && List(args, ptr + "/args", "a list of arguments") is { } list)
            Expr(list, ptr + "/args", scope);
        if (step.TryGetPropertyValue("from", out var cause))
            Expr(cause, ptr + "/from", scope);
    }

    private IEnumerable<string> ExceptionNames => Vocabulary.ExceptionTypes.Concat(_classes.Values.Where(c => c.ExceptionBase is not null).Select(c => c.Name));

    private void ExceptionType(JsonNode? node, string ptr)
    {
        if (String(node, ptr, "an exception type name") is { } type && !Vocabulary.ExceptionTypes.Contains(type) && !IsExceptionClass(type))
        {
            var hint = _classes.ContainsKey(type) ? $"; class '{type}' is not an exception class (give it base: Exception or another exception type)" : Names.DidYouMean(type, ExceptionNames);
            bag.Add(ptr, $"unknown exception type '{type}'{hint}; expected one of: {Names.List(ExceptionNames)}");
        }
    }

    /// <summary>A name a step binds (for, as); the binding itself was collected with the scope.</summary>
    private void BoundName(JsonNode? node, string ptr)
    {
        if (String(node, ptr, "a variable name") is not { } name)
            return;
        if (!Names.IsIdentifier(name))
            bag.Add(ptr, $"'{name}' is not a valid variable name; expected a Python identifier");
        else
            NotAModule(name, ptr);
    }

    /// <summary><c>sys</c>, <c>os</c>, <c>time</c> name the built-ins' modules (<c>call: sys.exit</c>): never a variable.</summary>
    private void NotAModule(string name, string ptr)
    {
        if (Vocabulary.BuiltinModules.Contains(name))
            bag.Add(ptr, $"'{name}' is the module of built-ins ({Names.List(Vocabulary.BuiltinFunctions.Where(b => b.StartsWith(name + ".", StringComparison.Ordinal)))}), not a variable name; choose another name");
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
            NotAModule(target, ptr);
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

    /// <summary>
    /// <c>del: target</c>: a variable the body binds (a parameter or a name some step binds: then it is unbound, as
    /// Python's del makes it), <c>{index: k, of: v}</c>, <c>{slice: v, ...}</c> or <c>{attr: a, of: v}</c> with an
    /// attribute the document itself gives objects (a field or a <c>set: x.a</c>).
    /// </summary>
    private void DelTarget(JsonNode? node, string ptr, Scope scope)
    {
        const string expected = "a variable name, {index: k, of: v}, {slice: v, start: a, stop: b} or {attr: a, of: v}";
        if (AsString(node) is { } name)
        {
            if (!Names.IsIdentifier(name))
                bag.Add(ptr, $"'{name}' is not a valid del target; expected {expected} (write {{attr: a, of: $x}} for an attribute)");
            else if (!scope.Locals.Contains(name) && !scope.Declared.Contains(name))
                bag.Add(ptr, scope.Names.Contains(name)
                    ? $"'{name}' is not a variable of this body; del can only unbind a name the body binds (a parameter, set, for, with-as or except-as) or a module variable it declares global"
                    : $"'{name}' is not defined{Names.DidYouMean(name, scope.Locals)}");
            return;
        }
        if (node is not JsonObject map || map.Count == 0 || !(map.ContainsKey("index") || map.ContainsKey("slice") || map.ContainsKey("attr")))
        {
            bag.Add(ptr, $"expected {expected}, found {Kind(node)}");
            return;
        }
        var kind = map.ContainsKey("slice") ? "slice" : map.ContainsKey("index") ? "index" : "attr";
        if (kind == "attr")
        {
            var shape = Vocabulary.Operators["attr"].Shape;
            CheckKeys(map, ptr, "a 'del' attribute target", shape.Allowed, shape.Required);
            if (String(map["attr"], ptr + "/attr", "an attribute name") is { } attr)
            {
                if (!Names.IsIdentifier(attr))
                    bag.Add(ptr + "/attr", $"'{attr}' is not a valid attribute name; expected a Python identifier");
                else if (!Refused(attr, ptr + "/attr", "attribute", new HashSet<string>()) && !_declaredAttributes.Contains(attr))
                    bag.Add(ptr + "/attr", $"'{attr}' is not an attribute this document gives objects{Names.DidYouMean(attr, _declaredAttributes)}; del can only remove a field of a user class or an attribute some step sets ('set: x.{attr}')");
            }
            if (map.TryGetPropertyValue("of", out var of))
                Expr(of, ptr + "/of", scope);
            return;
        }
        // {index: k, of: v} and {slice: v, ...} are checked as the expressions they read.
        Operation(map, ptr, scope);
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
