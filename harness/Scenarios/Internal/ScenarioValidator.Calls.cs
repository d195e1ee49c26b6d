using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Language;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary><c>call</c> and <c>new</c>: what is called must exist, and arguments must fit it.</summary>
internal sealed partial class ScenarioValidator
{
    private void Call(JsonObject map, string ptr, Scope scope)
    {
        var head = ptr + "/call";
        if (map["call"] is JsonObject callee)
        {
            MethodOfExpression(callee, head, scope, map, ptr);
            return;
        }
        var (positional, keywords) = Arguments(map, ptr, scope);
        if (String(map["call"], head, "a function name, obj.method or {attr: method, of: <expr>}") is not { } target)
            return;
        if (Names.SplitPath(target) is not { } path)
        {
            bag.Add(head, $"'{target}' is not a valid call target; expected a function name or obj.method");
            return;
        }
        if (path.Length == 1)
        {
            if (scope.Locals.Contains(target))
                return;
            if (_classes.ContainsKey(target))
                bag.Add(head, $"'{target}' is a class; construct it with {{new: {target}, args: [...]}}");
            else if (Defined(target, head, scope, "") && _functions.TryGetValue(target, out var signature))
                Arity($"{target}()", signature, positional, keywords, ptr);
            else if (!_functions.ContainsKey(target) && Vocabulary.Builtin(target) is { } builtin)
                BuiltinCall(builtin, map, positional, keywords, ptr);
            return;
        }

        if (Vocabulary.BuiltinModules.Contains(path[0]))
        {
            if (!Vocabulary.BuiltinFunctions.Contains(target))
            {
                var same = Vocabulary.BuiltinFunctions.Where(b => b.Contains('.'));
                bag.Add(head, $"unknown built-in '{target}'{Names.DidYouMean(target, same)}; expected one of: {Names.List(same)}");
            }
            else
                BuiltinCall(Vocabulary.Builtin(target)!, map, positional, keywords, ptr);
            return;
        }
        if (!Defined(path[0], head, scope, ""))
            return;
        ReadablePath(path, head, skipLast: 1);
        var method = path[^1];
        if (Refused(method, head, "method", Vocabulary.SpecialMethods))
            return;
        if (path.Length == 2 && scope.Types.TryGetValue(path[0], out var type))
        {
            CheckMethodOf(type, method, positional, keywords, head);
            return;
        }
        var known = Vocabulary.KnownMethods.Concat(Vocabulary.StrMethods).Concat(_classes.Values.SelectMany(c => c.Methods.Keys));
        if (!Vocabulary.KnownMethods.Contains(method) && !Vocabulary.StrMethods.Contains(method) && !_classes.Values.Any(c => c.Methods.ContainsKey(method)))
            bag.Add(head, $"unknown method '{method}'{Names.DidYouMean(method, known)}; expected a method of a primitive, proxy, pool result, user class or str");
    }

    /// <summary>A built-in's positional count and keywords, and getattr/hasattr's literal attribute name.</summary>
    private void BuiltinCall(Language.BuiltinFunction builtin, JsonObject map, int positional, List<string> keywords, string ptr)
    {
        var name = builtin.Name;
        if (name == "Pipe")
            _labels.Add("connection"); // its ends are traced Connections: unlabelled, they are 'connection'
        if (name == "get_context")
            _labels.Add("spawncontext"); // a traced SpawnContext: unlabelled, it is 'spawncontext'
        if (positional < builtin.MinArgs || positional > builtin.MaxArgs)
        {
            var expected = builtin.MaxArgs is not { } max ? $"at least {builtin.MinArgs}"
                : max == builtin.MinArgs ? $"{max}" : $"{builtin.MinArgs} to {max}";
            bag.Add(ptr + (map.ContainsKey("args") ? "/args" : "/call"),
                $"{name}() takes {expected} positional argument{((builtin.MaxArgs ?? builtin.MinArgs) == 1 ? "" : "s")}, found {positional}");
        }
        if (!builtin.AnyKeywords)
        {
            foreach (var k in keywords.Where(k => !builtin.Keywords.Contains(k)))
            {
                var expected = builtin.Keywords.Count == 0 ? "it takes no keyword arguments" : $"expected one of: {Names.List(builtin.Keywords)}";
                bag.Add(Pointer.Append(ptr + "/kwargs", k), $"unknown keyword '{k}' for {name}(){Names.DidYouMean(k, builtin.Keywords)}; {expected}");
            }
        }
        if (name is "getattr" or "hasattr" && map["args"] is JsonArray { Count: >= 2 } args)
        {
            var aptr = ptr + "/args/1";
            if (AsString(args[1]) is not { } attr || attr.StartsWith('$'))
            {
                var found = AsString(args[1]) is { } reference ? $"the reference '{reference}'" : Kind(args[1]);
                bag.Add(aptr, $"the attribute name of {name}() must be a string literal, found {found}; expected a name such as \"pid\" (no name is computed at run time: {Rules})");
            }
            else if (!Names.IsIdentifier(attr))
                bag.Add(aptr, $"'{attr}' is not a valid attribute name; expected a Python identifier");
            else
                Readable(attr, aptr);
        }
    }

    /// <summary>
    /// <c>call: {attr: method, of: &lt;expr&gt;}</c>: a method of any value. The method name passes the same policy and
    /// the same check as <c>obj.method</c>; when the object is <c>{new: T}</c>, the method must be one of T's.
    /// </summary>
    private void MethodOfExpression(JsonObject callee, string head, Scope scope, JsonObject map, string ptr)
    {
        var shape = Vocabulary.Operators["attr"].Shape;
        CheckKeys(callee, head, "a method callee ({attr: method, of: <expr>})", shape.Allowed, shape.Required);
        if (callee.TryGetPropertyValue("of", out var of))
            Expr(of, head + "/of", scope);
        var (positional, keywords) = Arguments(map, ptr, scope);
        if (!callee.TryGetPropertyValue("attr", out var attr) || String(attr, head + "/attr", "a method name") is not { } method)
            return;
        var mptr = head + "/attr";
        if (!Names.IsIdentifier(method))
        {
            bag.Add(mptr, $"'{method}' is not a valid method name; expected a Python identifier");
            return;
        }
        if (Refused(method, mptr, "method", Vocabulary.SpecialMethods))
            return;
        if (of is JsonObject made && made.Count > 0 && AsString(made["new"]) is { } type && !made.Any(kv => kv.Key is not ("new" or "args" or "kwargs")))
        {
            CheckMethodOf(type, method, positional, keywords, mptr);
            return;
        }
        var known = Vocabulary.KnownMethods.Concat(Vocabulary.StrMethods).Concat(_classes.Values.SelectMany(c => c.Methods.Keys));
        if (!Vocabulary.KnownMethods.Contains(method) && !Vocabulary.StrMethods.Contains(method) && !_classes.Values.Any(c => c.Methods.ContainsKey(method)))
            bag.Add(mptr, $"unknown method '{method}'{Names.DidYouMean(method, known)}; expected a method of a primitive, proxy, pool result, user class or str");
    }

    private void CheckMethodOf(string type, string method, int positional, List<string> keywords, string ptr)
    {
        IEnumerable<string> methods;
        if (_classes.TryGetValue(type, out var user))
        {
            if (user.Methods.TryGetValue(method, out var signature))
            {
                Arity($"{type}.{method}()", signature, positional, keywords, ptr[..^"/call".Length]);
                return;
            }
            methods = user.IsProcess ? user.Methods.Keys.Concat(Vocabulary.Primitives["Process"].Methods) : user.Methods.Keys;
        }
        else if (Vocabulary.Primitives.TryGetValue(type, out var primitive))
            methods = primitive.Methods;
        else
            return;
        var list = methods.Distinct().ToList();
        if (!list.Contains(method))
            bag.Add(ptr, $"unknown method '{method}' for a {type}{Names.DidYouMean(method, list)}; expected one of: {Names.List(list)}");
    }


    private void New(JsonObject map, string ptr, Scope scope)
    {
        var head = ptr + "/new";
        var (positional, keywords) = Arguments(map, ptr, scope);
        if (String(map["new"], head, "a type name") is not { } type)
            return;

        if (Vocabulary.ExceptionTypes.Contains(type) || IsExceptionClass(type))
        {
            // An exception value, as T(*args): positional arguments only (raise: $e raises it).
            if (keywords.Count > 0)
                bag.Add(ptr + "/kwargs", $"{type}() takes no keyword arguments");
            return;
        }
        if (_classes.TryGetValue(type, out var user))
        {
            _labels.Add(type.ToLowerInvariant());
            var unknown = keywords.Where(k => !user.Fields.Contains(k)).ToList();
            foreach (var k in unknown)
                bag.Add(Pointer.Append(ptr + "/kwargs", k), $"unknown key '{k}' in a {type} constructor; expected one of: {Names.List(user.Fields)}");
            if (unknown.Count == 0)
                Fill($"{type}({string.Join(", ", user.Fields)})", user.Fields, positional, keywords, ptr, exact: true);
            return;
        }
        if (!Vocabulary.Primitives.TryGetValue(type, out var primitive))
        {
            var all = Vocabulary.Primitives.Keys.Concat(_classes.Keys).ToList();
            bag.Add(head, $"unknown type '{type}'{Names.DidYouMean(type, all)}; expected a primitive or a user class: {Names.List(all)}");
            return;
        }

        _labels.Add(type.ToLowerInvariant());
        if (primitive.Keywords.Length == 0 && (positional > 0 || keywords.Count > 0))
            bag.Add(ptr + (positional > 0 ? "/args" : "/kwargs"), $"{type}() takes no arguments");
        else
        {
            foreach (var k in keywords.Where(k => !primitive.Keywords.Contains(k)))
                bag.Add(Pointer.Append(ptr + "/kwargs", k), $"unknown key '{k}' in a {type} constructor; expected one of: {Names.List(primitive.Keywords)}");
            Fill($"{type}()", primitive.Keywords, positional, keywords, ptr, exact: false);
        }

        switch (type)
        {
            case "Process":
                _processNames.Add(ProcessName(map, primitive));
                break;
            case "Pool":
                _processNames.Add("SpawnPoolWorker-*");
                break;
            case "Manager":
                _processNames.Add("SyncManager-*");
                break;
        }
    }

    /// <summary>Checks positional and keyword arguments against parameters, as Python binds them.</summary>
    private void Fill(string what, IReadOnlyList<string> parameters, int positional, List<string> keywords, string ptr, bool exact)
    {
        if (positional > parameters.Count)
        {
            bag.Add(ptr + "/args", $"{what} takes at most {parameters.Count} positional argument{(parameters.Count == 1 ? "" : "s")}, found {positional}");
            return;
        }
        foreach (var k in keywords.Where(k => parameters.Take(positional).Contains(k)))
            bag.Add(Pointer.Append(ptr + "/kwargs", k), $"{what} got '{k}' both by position and by keyword");
        var given = positional + keywords.Distinct().Count(k => parameters.Skip(positional).Contains(k));
        if (exact && given != parameters.Count)
        {
            var missing = parameters.Skip(positional).Where(p => !keywords.Contains(p));
            bag.Add(ptr + "/args", $"{what} takes {parameters.Count} argument{(parameters.Count == 1 ? "" : "s")}, found {given}; missing: {Names.List(missing)}");
        }
    }

    /// <summary>The glob of the names this <c>new: Process</c> can produce (format placeholders and other expressions become <c>*</c>).</summary>
    private static string ProcessName(JsonObject map, Vocabulary.Primitive process)
    {
        var index = Array.IndexOf(process.Keywords, "name");
        var name = map["kwargs"] is JsonObject kw && kw.TryGetPropertyValue("name", out var n) ? n
            : map["args"] is JsonArray args && args.Count > index ? args[index]
            : null;
        return name switch
        {
            null => "Process-*",
            JsonObject { Count: 1 } f when AsString(f["format"]) is { } format =>
                Regex.Replace(format, @"\{\{|\}\}|\{[^{}]*\}", m => m.Value switch { "{{" => "{", "}}" => "}", _ => "*" }),
            _ when AsString(name) is { } literal && !literal.StartsWith('$') => literal,
            _ when AsString(name) is { } escaped && escaped.StartsWith("$$", StringComparison.Ordinal) => escaped[1..],
            _ => "*",
        };
    }
}
