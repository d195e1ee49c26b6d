using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Values: literals, references, and map expressions with exactly one operator.</summary>
internal sealed partial class ScenarioValidator
{
    private static IEnumerable<string> Operators => Vocabulary.Operators.Keys;

    private void Expr(JsonNode? node, string ptr, Scope scope)
    {
        switch (node)
        {
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                    Expr(list[i], Pointer.Append(ptr, i), scope);
                return;
            case JsonObject map:
                Operation(map, ptr, scope);
                return;
        }
        if (AsString(node) is not { } text || !text.StartsWith('$') || text.StartsWith("$$", StringComparison.Ordinal))
            return;
        if (Names.SplitPath(text[1..]) is not { } path)
        {
            bag.Add(ptr, $"'{text}' is not a valid reference; expected $name or $name.attr (write '$$' for a literal '$')");
            return;
        }
        if (!scope.Names.Contains(path[0]) && path[0] == "cpu_count")
            bag.Add(ptr, "'$cpu_count' is only defined in output values and invariant counts; in steps use {call: cpu_count}");
        else if (!scope.Locals.Contains(path[0]) && Vocabulary.BuiltinFunctions.Contains(path[0]) && !_functions.ContainsKey(path[0]))
            bag.Add(ptr, $"'${path[0]}' is a built-in function; it can be called ({{call: {path[0]}}}) but is not a value ({Rules})");
        else if (Defined(path[0], ptr, scope, "$"))
            ReadablePath(path, ptr); // only once the root resolves: one mistake, one message
    }

    private void Operation(JsonObject map, string ptr, Scope scope)
    {
        var ops = map.Select(kv => kv.Key).Where(Vocabulary.Operators.ContainsKey).ToList();
        if (ops.Count > 1)
        {
            // A key that is an operator of its own may also be another operator's key ('in' of list_comp): there it
            // is that operator's key, not a second operator.
            var present = ops;
            ops = ops.Where(op => !present.Any(other => other != op && Vocabulary.Operators[other].Shape.Allowed.Skip(1).Contains(op))).ToList();
        }
        if (ops.Count != 1)
        {
            var hint = ops.Count == 0 && map.Count > 0 ? Names.DidYouMean(map.First().Key, Operators) : "";
            var found = map.Count == 0 ? "an empty map" : $"keys {Names.List(map.Select(kv => $"'{kv.Key}'"))}";
            bag.Add(ptr, $"a map value needs exactly one operator key; found {found}{hint}; expected one of: {Names.List(Operators)}");
            return;
        }

        var op = ops[0];
        var head = Pointer.Append(ptr, op);
        var value = map[op];
        var shape = Vocabulary.Operators[op].Shape;
        CheckKeys(map, ptr, $"a '{op}' expression", shape.Allowed, shape.Required);

        switch (op)
        {
            case "call":
                Call(map, ptr, scope);
                break;
            case "new":
                New(map, ptr, scope);
                break;
            case "format":
                Format(value, head, scope);
                break;
            case "attr":
                if (String(value, head, "an attribute name") is { } attr)
                {
                    if (!Names.IsIdentifier(attr))
                        bag.Add(head, $"'{attr}' is not a valid attribute name; expected a Python identifier");
                    else
                        Readable(attr, head);
                }
                Expr(map["of"], ptr + "/of", scope);
                break;
            case "index":
                Expr(value, head, scope);
                Expr(map["of"], ptr + "/of", scope);
                break;
            case "tuple":
                if (List(value, head, "a list of items") is { } items)
                    Expr(items, head, scope);
                break;
            case "dict":
                Dict(value, head, scope);
                break;
            case "type":
                TypeName(value, head);
                break;
            case "builtin":
                if (String(value, head, "a built-in function name") is { } builtin && !Vocabulary.ValueBuiltins.Contains(builtin))
                {
                    bag.Add(head, $"'{builtin}' is not a built-in that can be passed as a value{Names.DidYouMean(builtin, Vocabulary.ValueBuiltins)}; "
                        + $"expected one of: {Names.List(Vocabulary.ValueBuiltins)}");
                }
                break;
            case "not" or "is_none" or "neg" or "pos":
                Expr(value, head, scope);
                break;
            case "slice":
                Expr(value, head, scope);
                foreach (var bound in new[] { "start", "stop", "step" })
                {
                    if (map.TryGetPropertyValue(bound, out var b))
                        Expr(b, ptr + "/" + bound, scope);
                }
                break;
            case "cond":
                Expr(value, head, scope);
                if (map.TryGetPropertyValue("then", out var then))
                    Expr(then, ptr + "/then", scope);
                if (map.TryGetPropertyValue("else", out var otherwise))
                    Expr(otherwise, ptr + "/else", scope);
                break;
            case "list_comp" or "dict_comp":
                Comprehension(op, map, ptr, scope);
                break;
            case "lambda":
                Lambda(map, ptr, scope);
                break;
            default:
                Operands(op, value, head, scope);
                break;
        }
    }

    private void Operands(string op, JsonNode? value, string ptr, Scope scope)
    {
        var binary = Vocabulary.Operators[op].IsBinary;
        var expected = binary ? "a list of two operands [a, b]" : "a list of two or more operands";
        if (List(value, ptr, expected) is not { } operands)
            return;
        if (binary ? operands.Count != 2 : operands.Count < 2)
            bag.Add(ptr, $"'{op}' takes {(binary ? "exactly two" : "two or more")} operands, found {operands.Count}");
        Expr(operands, ptr, scope);
    }

    /// <summary>
    /// <c>list_comp</c> / <c>dict_comp</c>: the iterable is read in the enclosing scope; the element (or key and value)
    /// and the filter in the comprehension's own scope, where the loop variable is a local that does not leak out
    /// (Python 3). <c>for</c> is one name or a target list (<c>for: [k, v]</c>, as in the <c>for</c> step).
    /// </summary>
    private void Comprehension(string op, JsonObject map, string ptr, Scope scope)
    {
        if (map.TryGetPropertyValue("in", out var iterable))
            Expr(iterable, ptr + "/in", scope);
        var targets = map.TryGetPropertyValue("for", out var target) ? ComprehensionTargets(target, ptr + "/for") : [];
        var inner = ComprehensionScope(scope, targets);
        var head = Pointer.Append(ptr, op);
        if (op == "list_comp")
            Expr(map[op], head, inner);
        else if (map[op] is JsonArray { Count: 2 } pair)
            Expr(pair, head, inner);
        else
            bag.Add(head, $"expected a [key, value] pair, found {Kind(map[op])}{(map[op] is JsonArray a ? $" of {a.Count} items" : "")}");
        if (map.TryGetPropertyValue("if", out var filter))
            Expr(filter, ptr + "/if", inner);
    }

    /// <summary>The names a comprehension's <c>for</c> binds (one identifier, or the names of a target list).</summary>
    private List<string> ComprehensionTargets(JsonNode? node, string ptr)
    {
        if (node is JsonArray targets)
        {
            TargetList(targets, ptr);
            return Bindings.TargetNames(targets).Where(Names.IsIdentifier).Distinct(StringComparer.Ordinal).ToList();
        }
        if (String(node, ptr, "a variable name or a target list [k, v]") is not { } name)
            return [];
        if (Names.IsIdentifier(name))
            return [name];
        bag.Add(ptr, $"'{name}' is not a valid variable name; expected a Python identifier");
        return [];
    }

    private static Scope ComprehensionScope(Scope scope, List<string> targets)
    {
        if (targets.Count == 0)
            return scope;
        var names = new HashSet<string>(scope.Names, StringComparer.Ordinal);
        names.UnionWith(targets);
        var locals = new HashSet<string>(scope.Locals, StringComparer.Ordinal);
        locals.UnionWith(targets);
        var types = scope.Types.Where(t => !targets.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return scope with { Names = names, Locals = locals, Types = types };
    }

    private void Dict(JsonNode? value, string ptr, Scope scope)
    {
        if (List(value, ptr, "a list of [key, value] pairs") is not { } pairs)
            return;
        for (var i = 0; i < pairs.Count; i++)
        {
            var pptr = Pointer.Append(ptr, i);
            if (pairs[i] is JsonArray { Count: 2 } pair)
                Expr(pair, pptr, scope);
            else
                bag.Add(pptr, $"expected a [key, value] pair, found {Kind(pairs[i])}{(pairs[i] is JsonArray a ? $" of {a.Count} items" : "")}");
        }
    }

    private void TypeName(JsonNode? value, string ptr)
    {
        if (String(value, ptr, "a type name") is not { } name)
            return;
        if (Vocabulary.TypeNames.Contains(name) || Vocabulary.ExceptionTypes.Contains(name) || _classes.ContainsKey(name))
            return;
        var all = Vocabulary.TypeNames.Concat(Vocabulary.ExceptionTypes).Concat(_classes.Keys).ToList();
        bag.Add(ptr, $"unknown type '{name}'{Names.DidYouMean(name, all)}; expected a built-in type ({Names.List(Vocabulary.TypeNames)}), an exception type or a user class");
    }

    private void Format(JsonNode? value, string ptr, Scope scope)
    {
        if (String(value, ptr, "a format string") is not { } text)
            return;
        var (placeholders, error) = FormatString.Parse(text);
        if (error is not null)
            bag.Add(ptr, $"bad format string: {error}");
        foreach (var path in placeholders)
        {
            var rest = path.Length > 1 ? "." + string.Join('.', path[1..]) : "";
            if (Defined(path[0], ptr, scope, "{", rest + "}"))
                ReadablePath(path, ptr);
        }
    }

    /// <summary>Positional <c>args</c> and keyword <c>kwargs</c> of a call or constructor; returns their counts and keyword names.</summary>
    private (int Positional, List<string> Keywords) Arguments(JsonObject map, string ptr, Scope scope)
    {
        var positional = 0;
        var keywords = new List<string>();
        if (map.TryGetPropertyValue("args", out var args) && List(args, ptr + "/args", "a list of arguments") is { } list)
        {
            positional = list.Count;
            Expr(list, ptr + "/args", scope);
        }
        if (map.TryGetPropertyValue("kwargs", out var kwargs) && Map(kwargs, ptr + "/kwargs", "a map of keyword arguments") is { } named)
        {
            foreach (var (key, value) in named)
            {
                var kptr = Pointer.Append(ptr + "/kwargs", key);
                if (!Names.IsIdentifier(key))
                    bag.Add(kptr, $"'{key}' is not a valid keyword; expected a Python identifier");
                keywords.Add(key);
                Expr(value, kptr, scope);
            }
        }
        return (positional, keywords);
    }
}
