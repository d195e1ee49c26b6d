using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Checks a scenario document against docs/scenario-authors.md before anything runs.</summary>
internal sealed partial class ScenarioValidator(JsonObject doc, DiagnosticBag bag)
{
    /// <summary>A user class; <paramref name="ExceptionBase"/> is its exception base (an exception class) or null.</summary>
    private sealed record UserClass(string Name, string[] Fields, Dictionary<string, Signature> Methods, bool IsProcess, string? ExceptionBase);

    /// <summary>True when <paramref name="name"/> is a user exception class (<c>base:</c> an exception type).</summary>
    private bool IsExceptionClass(string name) => _classes.TryGetValue(name, out var c) && c.ExceptionBase is not null;

    private readonly Dictionary<string, Signature> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserClass> _classes = new(StringComparer.Ordinal);

    /// <summary>Plain names bound by some <c>set</c> step, and lower-cased types of objects made with <c>new</c>: possible trace labels.</summary>
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);

    /// <summary>Glob patterns (<c>*</c>) of every name a process can have.</summary>
    private readonly SortedSet<string> _processNames = new(StringComparer.Ordinal) { "MainProcess" };

    /// <summary>The suite's <c>scenarios/features.txt</c>; null when the suite has none (names are then not checked).</summary>
    public FeatureList? Features { get; init; }

    /// <summary>Every <c>features:</c> entry must be in the suite's list: one vocabulary, so <c>--features X</c> finds what was meant.</summary>
    private void ListedFeatures(JsonNode? features)
    {
        if (Features is null || features is not JsonArray list)
            return;
        for (var i = 0; i < list.Count; i++)
        {
            if (AsString(list[i]) is { } name && !Features.Contains(name))
                bag.Add(Pointer.Append("/features", i), Features.Unknown(name));
        }
    }

    /// <summary>The suite's semantics checklist (<c>docs/reference/cpython-semantics.md</c>); null when the suite has none (ids are then not checked).</summary>
    public SemanticsChecklist? Checklist { get; init; }

    /// <summary><c>covers:</c> a list of checklist ids, each once, each an item of the suite's checklist.</summary>
    private void Covers(JsonNode? covers)
    {
        if (List(covers, "/covers", "a list of checklist item ids such as [Q-12, L-3]") is not { } list)
            return;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var ptr = Pointer.Append("/covers", i);
            if (String(list[i], ptr, "a checklist item id such as Q-12") is not { } id)
                continue;
            if (seen.TryGetValue(id, out var first))
                bag.Add(ptr, $"checklist item '{id}' is listed twice in covers (first as item {first + 1}); list it once");
            else if (Checklist is not null && !Checklist.Contains(id))
                bag.Add(ptr, Checklist.Unknown(id));
            seen.TryAdd(id, i);
        }
    }

    public void Validate()
    {
        CheckKeys(doc, "", "the scenario's top level", Vocabulary.TopLevel.Allowed, Vocabulary.TopLevel.Required);

        if (doc.TryGetPropertyValue("description", out var description) && String(description, "/description", "a one-sentence description") is { } text && text.Trim().Length == 0)
            bag.Add("/description", "description is empty; expected one sentence naming the behaviour");
        if (doc.TryGetPropertyValue("features", out var features))
        {
            StringList(features, "/features", "a non-empty list of feature names", nonEmpty: true);
            ListedFeatures(features);
        }
        if (doc.TryGetPropertyValue("covers", out var covers))
            Covers(covers);
        if (doc.TryGetPropertyValue("tutorial", out var tutorial) && String(tutorial, "/tutorial", "a quoted tutorial section such as \"1\" or \"8a\"") is { } section && !TutorialPattern().IsMatch(section))
            bag.Add("/tutorial", $"tutorial section '{section}' is not a section number; expected \"1\" .. \"9\" with an optional letter, e.g. \"8a\"");
        if (doc.TryGetPropertyValue("timeout", out var timeout))
            Timeout(timeout);
        Chaos();

        DeclareGlobals();
        DeclareFunctions();
        DeclareClasses();
        DeclareAttributes();
        CheckFunctionsAndClasses();

        if (doc.TryGetPropertyValue("main", out var main))
            Body(main, "/main", Scope(main, [], null, isCallable: false));

        if (doc.TryGetPropertyValue("output", out var output))
            Output(output, "/output");
        if (doc.TryGetPropertyValue("invariants", out var invariants))
            Invariants(invariants, "/invariants");
    }

    /// <summary><c>timeout</c>: a class (<c>short</c>, <c>long</c>) or a positive number of seconds.</summary>
    private void Timeout(JsonNode? timeout)
    {
        var expected = $"expected {Vocabulary.TimeoutClassList} or a positive number of seconds";
        if (AsString(timeout) is { } name)
        {
            if (!ScenarioTimeout.Classes.ContainsKey(name))
                bag.Add("/timeout", $"unknown timeout class '{name}'; {expected}{Names.DidYouMean(name, ScenarioTimeout.Classes.Keys)}");
        }
        else if (AsNumber(timeout) is { } seconds)
        {
            if (seconds <= 0)
                bag.Add("/timeout", $"timeout must be positive, found {seconds}; {expected}");
        }
        else
        {
            bag.Add("/timeout", $"{expected}, found {Kind(timeout)}");
        }
    }

    /// <summary><c>chaos: false</c> opts out of chaos mode and must say why in <c>chaos_reason</c>; a reason needs <c>chaos: false</c>.</summary>
    private void Chaos()
    {
        var enabled = doc.TryGetPropertyValue("chaos", out var chaos) ? Boolean(chaos, "/chaos", "true or false (false: never run with chaos mode's delays)") : true;
        if (!doc.TryGetPropertyValue("chaos_reason", out var reasonNode))
        {
            if (enabled == false)
                bag.Add("/chaos", "chaos: false needs a reason; add chaos_reason: \"...\" saying why the claim is a timing bound that chaos mode's delays would break");
            return;
        }
        var reason = String(reasonNode, "/chaos_reason", "a sentence saying why the scenario opts out of chaos mode");
        if (reason is not null && reason.Trim().Length == 0)
            bag.Add("/chaos_reason", "chaos_reason is empty; expected a sentence saying why the claim is a timing bound that chaos mode's delays would break");
        else if (enabled == true)
            bag.Add("/chaos_reason", "chaos_reason without chaos: false; add chaos: false, or remove the reason (scenarios run with chaos mode by default)");
    }

    private void DeclareFunctions()
    {
        if (!doc.TryGetPropertyValue("functions", out var node) || Map(node, "/functions", "a map of function names to functions") is not { } functions)
            return;
        foreach (var (name, value) in functions)
        {
            var ptr = Pointer.Append("/functions", name);
            CheckDefinitionName(name, ptr, "function");
            _functions[name] = Signature.Of(value);
            if (_globals.ContainsKey(name))
                bag.Add(ptr, $"function '{name}' has the same name as a module variable in globals");
        }
    }

    private void DeclareClasses()
    {
        if (!doc.TryGetPropertyValue("classes", out var node) || Map(node, "/classes", "a map of class names to classes") is not { } classes)
            return;
        foreach (var (name, value) in classes)
        {
            var ptr = Pointer.Append("/classes", name);
            CheckDefinitionName(name, ptr, "class");
            if (_functions.ContainsKey(name))
                bag.Add(ptr, $"class '{name}' has the same name as a function");
            var c = value as JsonObject;
            var fields = c?["fields"] is JsonArray fs ? fs.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToArray() : [];
            if (_globals.ContainsKey(name))
                bag.Add(ptr, $"class '{name}' has the same name as a module variable in globals");
            var methods = new Dictionary<string, Signature>(StringComparer.Ordinal);
            if (c?["methods"] is JsonObject ms)
            {
                foreach (var (method, body) in ms)
                    methods[method] = Signature.Of(body);
            }
            var baseName = c?["base"] is JsonValue bv && bv.TryGetValue<string>(out var b2) ? b2 : null;
            var isProcess = baseName == "Process";
            var exceptionBase = baseName is not null && Vocabulary.ExceptionTypes.Contains(baseName) ? baseName : null;
            _classes[name] = new UserClass(name, fields, methods, isProcess, exceptionBase);
            if (isProcess)
                _processNames.Add(name + "-*");
        }
    }

    private void CheckDefinitionName(string name, string ptr, string what)
    {
        if (!Names.IsIdentifier(name))
            bag.Add(ptr, $"'{name}' is not a valid {what} name; expected a Python identifier");
        else if (Vocabulary.ReservedNames.Contains(name))
            bag.Add(ptr, $"{what} '{name}' shadows a built-in or primitive name; choose another name");
    }

    private void CheckFunctionsAndClasses()
    {
        if (doc["functions"] is JsonObject functions)
        {
            foreach (var (name, value) in functions)
                Callable(value, Pointer.Append("/functions", name), $"function '{name}'", selfClass: null);
        }
        if (doc["classes"] is not JsonObject classes)
            return;
        foreach (var (name, value) in classes)
        {
            var ptr = Pointer.Append("/classes", name);
            if (Map(value, ptr, $"a class (fields, methods, base)") is not { } c)
                continue;
            CheckKeys(c, ptr, $"class '{name}'", Vocabulary.Class.Allowed, Vocabulary.Class.Required);
            if (c.TryGetPropertyValue("base", out var b) && String(b, ptr + "/base", "'Process' or an exception type") is { } baseName
                && baseName != "Process" && !Vocabulary.ExceptionTypes.Contains(baseName))
                bag.Add(ptr + "/base", $"base '{baseName}' is not supported{Names.DidYouMean(baseName, Vocabulary.ExceptionTypes.Append("Process"))}; expected 'Process' or an exception type: {Names.List(Vocabulary.ExceptionTypes)}");
            if (IsExceptionClass(name))
            {
                // CPython would call __init__(self, *fields) and keep args; the language keeps exception classes to
                // what their base does (message/args, str, repr, args), so there is one meaning for raise: C, args: [...].
                foreach (var key in new[] { "fields", "methods" })
                {
                    if (c.ContainsKey(key))
                        bag.Add(Pointer.Append(ptr, key), $"an exception class (base: {_classes[name].ExceptionBase}) takes no '{key}'; it is built like its base: raise: {name}, message: ... or args: [...]");
                }
                continue;
            }
            if (c.TryGetPropertyValue("fields", out var fields))
            {
                Identifiers(fields, ptr + "/fields", "field", forbidden: "self");
                if (fields is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (AsString(list[i]) is { } field && Names.IsIdentifier(field))
                            Declarable(field, Pointer.Append(ptr + "/fields", i), "field");
                    }
                }
            }
            if (!c.TryGetPropertyValue("methods", out var m) || Map(m, ptr + "/methods", "a map of method names to methods") is not { } methods)
                continue;
            foreach (var (method, body) in methods)
            {
                var mptr = Pointer.Append(ptr + "/methods", method);
                if (!Names.IsIdentifier(method))
                    bag.Add(mptr, $"'{method}' is not a valid method name; expected a Python identifier");
                else if (method == "__init__")
                    bag.Add(mptr, "a class may not define '__init__'; its 'fields' are the constructor's parameters");
                else
                    Declarable(method, mptr, "method", Vocabulary.SpecialMethods);
                Callable(body, mptr, $"method '{name}.{method}'", selfClass: name);
            }
        }
    }

    private void Callable(JsonNode? node, string ptr, string what, string? selfClass)
    {
        if (Map(node, ptr, $"{(selfClass is null ? "a function" : "a method")} (params, steps)") is not { } f)
            return;
        CheckKeys(f, ptr, what, Vocabulary.Function.Allowed, Vocabulary.Function.Required);
        var parameters = f.TryGetPropertyValue("params", out var p) ? Identifiers(p, ptr + "/params", "parameter", forbidden: selfClass is null ? null : "self") : [];
        if (f["params"] is JsonArray plist)
        {
            for (var i = 0; i < plist.Count; i++)
            {
                if (AsString(plist[i]) is { } pname)
                    NotAModule(pname, Pointer.Append(ptr + "/params", i));
            }
        }
        if (selfClass is not null)
            parameters.Add("self");
        Defaults(f, ptr, parameters);
        var globals = GlobalDeclarations(f, ptr, parameters);
        if (f.TryGetPropertyValue("steps", out var steps))
        {
            ShadowedGlobals(steps, ptr + "/steps", globals);
            Body(steps, ptr + "/steps", Scope(steps, parameters, selfClass, isCallable: true, globals));
        }
    }

    private Scope Scope(JsonNode? steps, List<string> parameters, string? selfClass, bool isCallable, IReadOnlySet<string>? declaredGlobals = null)
    {
        var bindings = Bindings.Collect(steps);
        var locals = new HashSet<string>(bindings.Keys, StringComparer.Ordinal);
        locals.UnionWith(parameters);
        if (declaredGlobals is not null)
            locals.ExceptWith(declaredGlobals);
        var names = new HashSet<string>(locals, StringComparer.Ordinal);
        names.UnionWith(_globals.Keys);
        names.UnionWith(_functions.Keys);
        names.UnionWith(_classes.Keys);
        names.UnionWith(Vocabulary.BuiltinFunctions);
        var types = Bindings.ObviousTypes(bindings);
        foreach (var p in parameters)
            types.Remove(p);
        if (selfClass is not null && !bindings.ContainsKey("self"))
            types["self"] = selfClass;
        return new Scope(names, locals, types, isCallable) { Declared = isCallable ? declaredGlobals ?? new HashSet<string>() : _globals.Keys.ToHashSet(StringComparer.Ordinal) };
    }

    /// <summary>A list of unique identifiers; returns the valid ones.</summary>
    private List<string> Identifiers(JsonNode? node, string ptr, string what, string? forbidden)
    {
        var result = new List<string>();
        if (List(node, ptr, $"a list of {what} names") is not { } list)
            return result;
        for (var i = 0; i < list.Count; i++)
        {
            var iptr = Pointer.Append(ptr, i);
            if (String(list[i], iptr, $"a {what} name") is not { } name)
                continue;
            if (!Names.IsIdentifier(name))
                bag.Add(iptr, $"'{name}' is not a valid {what} name; expected a Python identifier");
            else if (name == forbidden)
                bag.Add(iptr, $"'{name}' is implicit; do not list it as a {what}");
            else if (result.Contains(name))
                bag.Add(iptr, $"{what} '{name}' is listed twice");
            else
                result.Add(name);
        }
        return result;
    }

    [GeneratedRegex(@"^[1-9][a-z]?$")]
    private static partial Regex TutorialPattern();
}
