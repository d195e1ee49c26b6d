using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>
/// Functions beyond positional parameters: defaults, keyword arguments bound as CPython binds them, lambdas, module
/// variables (<c>globals</c> and <c>global</c>), target lists (<c>set: [a, b]</c>, <c>for: [k, v]</c>).
/// </summary>
internal sealed partial class ScenarioValidator
{
    /// <summary>A function's or method's parameters (without <c>self</c>) and how many of them have no default.</summary>
    private sealed record Signature(string[] Params, int Required)
    {
        public static Signature Of(JsonNode? function)
        {
            var f = function as JsonObject;
            var parameters = f?["params"] is JsonArray p ? p.Select(n => AsString(n) ?? "").ToArray() : [];
            var defaults = f?["defaults"] as JsonObject;
            var first = defaults is null ? -1 : Array.FindIndex(parameters, defaults.ContainsKey);
            return new Signature(parameters, first < 0 ? parameters.Length : first);
        }
    }

    /// <summary>The top-level <c>globals</c>: module variables and their initial values.</summary>
    private readonly Dictionary<string, JsonNode?> _globals = new(StringComparer.Ordinal);

    /// <summary>Operators a constant (a default, a module variable's initial value) may not use: they run code or read names.</summary>
    private static readonly string[] NotConstant = ["call", "new", "lambda", "format", "attr"];

    private void DeclareGlobals()
    {
        if (!doc.TryGetPropertyValue("globals", out var node) || Map(node, "/globals", "a map of module variable names to initial values") is not { } globals)
            return;
        foreach (var (name, value) in globals)
        {
            var ptr = Pointer.Append("/globals", name);
            if (!Names.IsIdentifier(name))
            {
                bag.Add(ptr, $"'{name}' is not a valid variable name; expected a Python identifier");
                continue;
            }
            if (Vocabulary.ReservedNames.Contains(name))
                bag.Add(ptr, $"module variable '{name}' shadows a built-in or primitive name; choose another name");
            Constant(value, ptr, "a module variable's initial value");
            _globals[name] = value;
        }
    }

    /// <summary>A value computed without running code or reading a name: literals, lists, and operators other than calls.</summary>
    private void Constant(JsonNode? node, string ptr, string what)
    {
        if (FirstNonConstant(node, ptr) is { } bad)
        {
            bag.Add(bad.Pointer, $"{what} is evaluated once, when the module is loaded, and cannot {bad.Why}; expected literals, lists and operators such as {{tuple: [...]}} or {{add: [...]}}");
            return;
        }
        Expr(node, ptr, new Scope(new HashSet<string>(), new HashSet<string>(), new Dictionary<string, string>(), IsCallable: false));
    }

    private static (string Pointer, string Why)? FirstNonConstant(JsonNode? node, string ptr)
    {
        switch (node)
        {
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (FirstNonConstant(list[i], Pointer.Append(ptr, i)) is { } found)
                        return found;
                }
                return null;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (NotConstant.Contains(key))
                        return (Pointer.Append(ptr, key), $"use '{key}'");
                    if (FirstNonConstant(value, Pointer.Append(ptr, key)) is { } found)
                        return found;
                }
                return null;
            default:
                return AsString(node) is { } text && text.StartsWith('$') && !text.StartsWith("$$", StringComparison.Ordinal)
                    ? (ptr, $"read the variable '{text}'")
                    : null;
        }
    }

    /// <summary><c>defaults: {param: value}</c>: known parameters, the last ones (CPython's rule), constant values.</summary>
    private void Defaults(JsonObject f, string ptr, List<string> parameters)
    {
        if (!f.TryGetPropertyValue("defaults", out var node) || Map(node, ptr + "/defaults", "a map of parameter names to default values") is not { } defaults)
            return;
        foreach (var (name, value) in defaults)
        {
            var dptr = Pointer.Append(ptr + "/defaults", name);
            if (!parameters.Contains(name) || name == "self")
                bag.Add(dptr, $"default for unknown parameter '{name}'{Names.DidYouMean(name, parameters)}; expected one of the params: {Names.List(parameters.Where(p => p != "self"))}");
            else
                Constant(value, dptr, "a default");
        }
        var firstDefault = parameters.FindIndex(defaults.ContainsKey);
        if (firstDefault < 0)
            return;
        for (var i = firstDefault + 1; i < parameters.Count; i++)
        {
            if (parameters[i] != "self" && !defaults.ContainsKey(parameters[i]))
            {
                bag.Add(Pointer.Append(ptr + "/params", i), $"non-default argument '{parameters[i]}' follows default argument '{parameters[firstDefault]}' (CPython: SyntaxError: non-default argument follows default argument); give '{parameters[i]}' a default too, or move it before '{parameters[firstDefault]}'");
                return;
            }
        }
    }

    /// <summary><c>global: [names]</c>: module variables of the top-level <c>globals</c>, none a parameter.</summary>
    private HashSet<string> GlobalDeclarations(JsonObject f, string ptr, List<string> parameters)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (!f.TryGetPropertyValue("global", out var node))
            return declared;
        var names = Identifiers(node, ptr + "/global", "global", forbidden: null);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var gptr = Pointer.Append(ptr + "/global", i);
            if (parameters.Contains(name))
                bag.Add(gptr, $"name '{name}' is parameter and global (CPython: SyntaxError); remove it from params or from global");
            else if (!_globals.ContainsKey(name))
                bag.Add(gptr, $"'{name}' is not a module variable{Names.DidYouMean(name, _globals.Keys)}; declare it in the top-level globals: {{{name}: initial value}}");
            else
                declared.Add(name);
        }
        return declared;
    }

    /// <summary>
    /// A body that binds a module variable's name without declaring it global makes it a local for the whole body,
    /// and CPython raises UnboundLocalError on a read before the binding; both interpreters would read the module
    /// variable there, so the file is refused instead.
    /// </summary>
    private void ShadowedGlobals(JsonNode? steps, string ptr, IReadOnlySet<string> declared)
    {
        foreach (var name in Bindings.Collect(steps).Keys.Where(n => _globals.ContainsKey(n) && !declared.Contains(n)))
            bag.Add(ptr, $"the body binds '{name}', a module variable, without declaring it global; add global: [{name}] to assign the module variable, or use another name for a local");
    }

    /// <summary>Checks positional and keyword arguments of a user function or method call as CPython binds them.</summary>
    private void Arity(string what, Signature signature, int positional, List<string> keywords, string ptr)
    {
        var parameters = signature.Params;
        var expected = signature.Required == parameters.Length
            ? $"{parameters.Length} argument{(parameters.Length == 1 ? "" : "s")} ({string.Join(", ", parameters)})"
            : $"{signature.Required} to {parameters.Length} arguments ({string.Join(", ", parameters)})";
        foreach (var k in keywords)
        {
            var kptr = Pointer.Append(ptr + "/kwargs", k);
            // One error per call, the one CPython raises first: keywords in call order, then counts.
            if (!parameters.Contains(k))
            {
                bag.Add(kptr, $"{what} got an unexpected keyword argument '{k}'{Names.DidYouMean(k, parameters)}; expected {expected}");
                return;
            }
            if (Array.IndexOf(parameters, k) < positional)
            {
                bag.Add(kptr, $"{what} got multiple values for argument '{k}' (by position and by keyword); expected {expected}");
                return;
            }
        }
        if (positional > parameters.Length)
        {
            bag.Add(ptr + "/args", $"{what} takes {parameters.Length} positional argument{(parameters.Length == 1 ? "" : "s")} but {positional} {(positional == 1 ? "was" : "were")} given; expected {expected}");
            return;
        }
        var missing = parameters.Take(signature.Required).Skip(positional).Where(p => !keywords.Contains(p)).ToList();
        if (missing.Count > 0)
            bag.Add(ptr + "/call", $"{what} missing {missing.Count} required positional argument{(missing.Count == 1 ? "" : "s")}: {Names.List(missing.Select(m => $"'{m}'"))}; expected {expected}");
    }

    /// <summary>
    /// A target list: plain names and nested target lists, at least one. With <paramref name="label"/> (a set step)
    /// its names are possible trace labels: a traced object takes the first name it is bound to (set: [a, b] to a Pipe).
    /// </summary>
    private void TargetList(JsonArray targets, string ptr, bool label = false)
    {
        if (targets.Count == 0)
            bag.Add(ptr, "an empty target list; expected a variable name or a list of them, e.g. [a, b]");
        for (var i = 0; i < targets.Count; i++)
        {
            var iptr = Pointer.Append(ptr, i);
            switch (targets[i])
            {
                case JsonArray nested:
                    TargetList(nested, iptr, label);
                    break;
                default:
                    if (String(targets[i], iptr, "a variable name or a nested target list") is not { } name)
                        break;
                    if (!Names.IsIdentifier(name))
                        bag.Add(iptr, $"'{name}' is not a valid variable name; a target list holds plain names (or nested target lists)");
                    else if (label)
                        _labels.Add(name);
                    break;
            }
        }
    }

    /// <summary><c>{lambda: value, params: [x]}</c>: the value sees the parameters and everything the enclosing body sees.</summary>
    private void Lambda(JsonObject map, string ptr, Scope scope)
    {
        var parameters = map.TryGetPropertyValue("params", out var p) ? Identifiers(p, ptr + "/params", "parameter", forbidden: null) : [];
        var names = new HashSet<string>(scope.Names, StringComparer.Ordinal);
        names.UnionWith(parameters);
        var locals = new HashSet<string>(scope.Locals, StringComparer.Ordinal);
        locals.UnionWith(parameters);
        var types = scope.Types.Where(t => !parameters.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        Expr(map["lambda"], ptr + "/lambda", new Scope(names, locals, types, scope.IsCallable));
    }
}
