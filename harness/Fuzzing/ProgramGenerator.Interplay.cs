using System.Text.Json.Nodes;
using ValueType = Conformance.Harness.Fuzzing.Internal.ValueType;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// The constructs where the language's parts meet, mixed in one program: generator functions (with defaults,
/// keyword arguments, a <c>global</c> module variable, raise ... from, PEP 479's StopIteration, sys.exit) consumed by
/// comprehensions, <c>for</c> with target lists, <c>next</c>/<c>iter</c>, <c>zip</c>, <c>enumerate</c>,
/// <c>sorted(key=lambda)</c>, <c>min</c>/<c>max</c>(key=, default=), <c>sum</c>, <c>any</c>, <c>in</c> and a lazy
/// <c>map</c>; lambdas inside comprehensions and comprehensions inside lambdas; comprehension target lists; str methods
/// on any expression; user exception classes raised, caught by their bases, tested with <c>isinstance</c> and shown
/// through <c>getattr(e, "args")</c> and <c>{e!r:spec}</c>; <c>del</c> of a module variable. Nothing that prints
/// an address (a lambda, a generator, a map) is ever printed: each is consumed where it is made.
/// </summary>
public sealed partial class ProgramGenerator
{
    private const string GlobalName = "gcount";

    private sealed record GeneratorFunction(string Name, ValueType Yields, bool HasDefault);

    private readonly List<GeneratorFunction> _generatorFunctions = new();
    private readonly List<(string Name, int Arity, ValueType Returns)> _lambdas = new();
    private readonly List<string> _exceptionClasses = new();
    private string[] _exceptTypes = ExceptTypes;
    private bool _hasGlobal;

    /// <summary>The probability that an expression or a step is one of this file's (when its parts exist).</summary>
    private const double InterplayRate = 0.07;

    /// <summary>Adds exception classes, the module variable and generator functions to the document; then main's lambdas.</summary>
    private void Interplay(JsonObject document, ref JsonObject? functions, JsonArray main)
    {
        _generatorFunctions.Clear();
        _lambdas.Clear();
        _exceptionClasses.Clear();
        _exceptTypes = ExceptTypes;
        _hasGlobal = false;
        if (Chance(0.45))
        {
            var classes = new JsonObject();
            for (var i = _rng.Next(1, 3); i > 0; i--)
            {
                var name = $"E{_exceptionClasses.Count}";
                classes[name] = new JsonObject { ["base"] = Pick(ExceptTypes) };
                _exceptionClasses.Add(name);
            }
            document["classes"] = classes;
            _exceptTypes = [.. ExceptTypes, .. _exceptionClasses, .. _exceptionClasses];
        }
        if (Chance(0.4))
        {
            document["globals"] = new JsonObject { [GlobalName] = 0L };
            _hasGlobal = true;
        }
        if (Chance(0.55))
        {
            functions ??= new JsonObject();
            for (var i = _rng.Next(1, 3); i > 0; i--)
                functions[$"gen{_generatorFunctions.Count}"] = GeneratorFunctionSpec();
        }
        for (var i = Chance(0.5) ? _rng.Next(1, 3) : 0; i > 0; i--)
            main.Add(LambdaDefinition());
    }

    /// <summary><c>genN(n, k=...)</c>: yields for i in range(n); may bump the module variable, print, raise, exit or return early.</summary>
    private JsonObject GeneratorFunctionSpec()
    {
        var name = $"gen{_generatorFunctions.Count}";
        var yields = Chance(0.7) ? ValueType.Int : ValueType.Str;
        var hasDefault = Chance(0.6);
        var outer = _vars.ToList();
        _vars.Clear();
        _vars.Add(("n", ValueType.Int));
        _vars.Add(("k", ValueType.Int));
        _vars.Add(("i", ValueType.Int));
        var body = new JsonArray();
        var spec = new JsonObject { ["params"] = new JsonArray("n", "k") };
        if (hasDefault)
            spec["defaults"] = new JsonObject { ["k"] = SmallIntLiteral(-2, 4) };
        if (_hasGlobal && Chance(0.6))
        {
            spec["global"] = new JsonArray(GlobalName);
            body.Add(new JsonObject { ["set"] = GlobalName, ["to"] = Op("add", JsonValue.Create("$" + GlobalName), JsonValue.Create(1L)) });
        }
        if (Chance(0.3))
            body.Add(new JsonObject { ["print"] = new JsonObject { ["format"] = $"{name} {{i}} {{k!r}}" } });
        if (Chance(0.4))
        {
            var at = JsonValue.Create((long)_rng.Next(0, 4));
            body.Add(new JsonObject { ["if"] = Op("eq", JsonValue.Create("$i"), at), ["then"] = new JsonArray(GeneratorEnding()) });
        }
        body.Add(new JsonObject { ["yield"] = yields == ValueType.Int ? Chance(0.5) ? Op("mul", JsonValue.Create("$i"), JsonValue.Create("$k")) : Expr(ValueType.Int, 2) : Expr(ValueType.Str, 2) });
        spec["steps"] = new JsonArray(new JsonObject { ["for"] = "i", ["in"] = Call("range", JsonValue.Create("$n")), ["do"] = body });
        _vars.Clear();
        _vars.AddRange(outer);
        _generatorFunctions.Add(new GeneratorFunction(name, yields, hasDefault));
        return spec;
    }

    /// <summary>How a generator's body ends early: return, raise (sometimes from a caught error), StopIteration inside it (PEP 479), sys.exit.</summary>
    private JsonNode GeneratorEnding() => _rng.Next(6) switch
    {
        0 => new JsonObject { ["return"] = null },
        1 => new JsonObject { ["raise"] = Pick(_exceptTypes[1..]), ["message"] = new JsonObject { ["format"] = "stop at {i} {n:>3}" } },
        2 => new JsonObject
        {
            ["try"] = new JsonArray(new JsonObject { ["expr"] = Op("floordiv", JsonValue.Create("$n"), JsonValue.Create(0L)) }),
            ["except"] = new JsonArray(new JsonObject
            {
                ["type"] = "ZeroDivisionError",
                ["as"] = "z",
                ["do"] = new JsonArray(new JsonObject { ["raise"] = Pick(_exceptTypes[1..]), ["args"] = new JsonArray(JsonValue.Create("$i"), JsonValue.Create("$n")), ["from"] = Chance(0.7) ? "$z" : null }),
            }),
        },
        3 => new JsonObject { ["expr"] = Call("next", Call("iter", new JsonArray())) },
        4 => Exit(),
        _ => new JsonObject { ["raise"] = Pick(_exceptTypes[1..]) },
    };

    /// <summary><c>set: lamN, to: {lambda: ..., params: [...]}</c> at the top of main: the body sees its parameters (and the module variable).</summary>
    private JsonObject LambdaDefinition()
    {
        var name = $"lam{_lambdas.Count}";
        var arity = _rng.Next(0, 3);
        var parameters = Enumerable.Range(0, arity).Select(i => $"a{i}").ToArray();
        var outer = _vars.ToList();
        _vars.Clear();
        foreach (var p in parameters)
            _vars.Add((p, ValueType.Int));
        var returns = Pick(ValueType.Int, ValueType.Int, ValueType.Str, ValueType.Bool);
        JsonNode? body;
        switch (_rng.Next(6))
        {
            case 0 when arity > 0:
                body = new JsonObject { ["call"] = "sys.exit", ["args"] = new JsonArray(JsonValue.Create("$a0")) };
                returns = ValueType.None;
                break;
            case 1 when _hasGlobal:
                body = Op("add", JsonValue.Create("$" + GlobalName), Expr(ValueType.Int, 1));
                returns = ValueType.Int;
                break;
            case 2:
                body = Comprehension(dict: false, 1);
                returns = ValueType.List;
                break;
            default:
                body = Expr(returns, 2);
                break;
        }
        _vars.Clear();
        _vars.AddRange(outer);
        _lambdas.Add((name, arity, returns));
        return new JsonObject { ["set"] = name, ["to"] = new JsonObject { ["lambda"] = body, ["params"] = new JsonArray([.. parameters.Select(p => (JsonNode)JsonValue.Create(p))]) } };
    }

    /// <summary>A call of a generator function: a small n (a literal: the loop is bounded), k by position, keyword or default.</summary>
    private JsonNode? GenCall(int depth)
    {
        if (_generatorFunctions.Count == 0)
            return null;
        var g = _generatorFunctions[_rng.Next(_generatorFunctions.Count)];
        var call = new JsonObject { ["call"] = g.Name };
        var args = new JsonArray(SmallIntLiteral(0, 5));
        var roll = _rng.Next(3);
        if (roll == 0 || (!g.HasDefault && roll == 2))
            args.Add(Expr(ValueType.Int, Math.Max(depth - 1, 0)));
        else if (roll == 1)
            call["kwargs"] = new JsonObject { ["k"] = Expr(ValueType.Int, Math.Max(depth - 1, 0)) };
        call["args"] = args;
        return call;
    }

    /// <summary>An iterable whose items are made lazily: a generator call, a map over one, or a plain list.</summary>
    private JsonNode? LazyIterable(int depth) => _rng.Next(5) switch
    {
        < 3 when GenCall(depth) is { } g => g,
        3 => Call("map", MapFunction(1, depth), GenCall(depth) ?? Expr(ValueType.List, 1)),
        _ => Expr(Pick(ValueType.List, ValueType.Str, ValueType.Tuple), 1),
    };

    /// <summary>A function value for map or key=: an inline lambda (its body may hold a comprehension), a main lambda, or {builtin: f}.</summary>
    private JsonNode MapFunction(int arity, int depth)
    {
        var fit = _lambdas.Where(l => l.Arity == arity && l.Returns != ValueType.List).ToList();
        if (fit.Count > 0 && Chance(0.25))
            return JsonValue.Create("$" + fit[_rng.Next(fit.Count)].Name);
        if (arity == 1 && Chance(0.25))
            return new JsonObject { ["builtin"] = Pick("str", "repr", "abs", "bool", "int", "len", "float") };
        var parameters = Enumerable.Range(0, arity).Select(_ => Fresh("p")).ToArray();
        var mark = _vars.Count;
        foreach (var p in parameters)
            _vars.Add((p, ValueType.Any));
        var saved = _noContainerVars;
        _noContainerVars = true;
        var body = Chance(0.2) ? Comprehension(dict: false, Math.Min(depth, 1)) : arity > 0 && Chance(0.5)
            ? Op(Pick("add", "mul", "sub"), JsonValue.Create("$" + parameters[0]), Expr(ValueType.Int, 1))
            : Expr(AnyConcrete(), Math.Min(depth, 2));
        _noContainerVars = saved;
        _vars.RemoveRange(mark, _vars.Count - mark);
        return new JsonObject { ["lambda"] = body, ["params"] = new JsonArray([.. parameters.Select(p => (JsonNode)JsonValue.Create(p))]) };
    }

    private JsonObject Kw(JsonObject call, string key, JsonNode? value)
    {
        call["kwargs"] ??= new JsonObject();
        ((JsonObject)call["kwargs"]!)[key] = value;
        return call;
    }

    /// <summary>A list made from lazy iterables: list, sorted(key=lambda), map, comprehensions with target lists, zip, enumerate.</summary>
    private JsonNode? InterplayList(int depth)
    {
        switch (_rng.Next(7))
        {
            case 0:
                return Call("list", LazyIterable(depth));
            case 1:
            {
                var call = Call("sorted", LazyIterable(depth));
                if (Chance(0.7))
                    Kw(call, "key", MapFunction(1, depth));
                if (Chance(0.3))
                    Kw(call, "reverse", JsonValue.Create(Chance(0.5)));
                return call;
            }
            case 2:
                return Call("list", Chance(0.7)
                    ? Call("map", MapFunction(1, depth), LazyIterable(depth))
                    : Call("map", MapFunction(2, depth), LazyIterable(depth), LazyIterable(depth)));
            case 3:
            {
                // [f(a, b) for a, b in zip(...) / enumerate(...) / d.items()]
                JsonNode source = _rng.Next(3) switch
                {
                    0 => Call("zip", LazyIterable(depth), LazyIterable(depth)),
                    1 => Chance(0.5) ? Call("enumerate", LazyIterable(depth)) : Kw(Call("enumerate", LazyIterable(depth)), "start", SmallIntLiteral(-2, 5)),
                    _ => Var(ValueType.Dict) is { } d ? new JsonObject { ["call"] = d.GetValue<string>()[1..] + ".items" } : Call("zip", LazyIterable(depth), Expr(ValueType.Str, 1)),
                };
                return TargetListComprehension(source, depth);
            }
            case 4:
            {
                var name = Fresh("c");
                var mark = _vars.Count;
                _vars.Add((name, ValueType.Any));
                var saved = _noContainerVars;
                _noContainerVars = true;
                var fit = _lambdas.Where(l => l.Arity == 1).ToList();
                // A lambda made in a comprehension, called there; or a main lambda called on the variable.
                JsonNode element = fit.Count > 0 && Chance(0.5)
                    ? new JsonObject { ["call"] = fit[_rng.Next(fit.Count)].Name, ["args"] = new JsonArray(JsonValue.Create("$" + name)) }
                    : Call("list", Call("map", MapFunction(1, depth), new JsonArray(JsonValue.Create("$" + name), Expr(ValueType.Int, 0))));
                _noContainerVars = saved;
                _vars.RemoveRange(mark, _vars.Count - mark);
                var comp = new JsonObject { ["list_comp"] = element, ["for"] = name, ["in"] = LazyIterable(depth) };
                return comp;
            }
            case 5 when _lambdas.Count > 0:
                return new JsonArray([.. Enumerable.Range(0, _rng.Next(1, 3)).Select(_ => LambdaCall(depth))]);
            default:
            {
                var comp = new JsonObject();
                var name = Fresh("c");
                var mark = _vars.Count;
                _vars.Add((name, ValueType.Any));
                comp["list_comp"] = Chance(0.5) ? JsonValue.Create("$" + name) : StrOfAnything("$" + name);
                _vars.RemoveRange(mark, _vars.Count - mark);
                comp["for"] = name;
                comp["in"] = LazyIterable(depth);
                if (Chance(0.5))
                    comp["if"] = new JsonObject { ["in"] = new JsonArray(JsonValue.Create("$" + name), Expr(Pick(ValueType.List, ValueType.Str, ValueType.Tuple), 1)) };
                return comp;
            }
        }
    }

    private JsonNode? StrOfAnything(string reference) => Pick(0, 1, 2) switch
    {
        0 => new JsonObject { ["format"] = $"<{{{reference[1..]}!r:>6}}>" },
        1 => new JsonObject { ["call"] = new JsonObject { ["attr"] = Pick("upper", "lower", "strip"), ["of"] = Call("str", JsonValue.Create(reference)) } },
        _ => Call("repr", JsonValue.Create(reference)),
    };

    /// <summary>A comprehension (list or dict) whose <c>for</c> is a target list [a, b] over pairs.</summary>
    private JsonObject TargetListComprehension(JsonNode source, int depth)
    {
        var (a, b) = (Fresh("ka"), Fresh("kb"));
        var mark = _vars.Count;
        _vars.Add((a, ValueType.Any));
        _vars.Add((b, ValueType.Any));
        var saved = _noContainerVars;
        _noContainerVars = true;
        JsonObject comp;
        if (Chance(0.3))
            comp = new JsonObject { ["dict_comp"] = new JsonArray(StrOfAnything("$" + a), JsonValue.Create("$" + b)) };
        else
            comp = new JsonObject { ["list_comp"] = Chance(0.5) ? new JsonObject { ["tuple"] = new JsonArray(JsonValue.Create("$" + b), JsonValue.Create("$" + a)) } : Expr(AnyConcrete(), Math.Min(depth, 2)) };
        if (Chance(0.3))
            comp["if"] = Op(Pick("ne", "eq"), JsonValue.Create("$" + a), Expr(AnyConcrete(), 0));
        _noContainerVars = saved;
        _vars.RemoveRange(mark, _vars.Count - mark);
        comp["for"] = Chance(0.2) ? new JsonArray(a, new JsonArray(b)) : new JsonArray(a, b); // [a, [b]]: a nested target list (often an unpacking error)
        comp["in"] = source;
        return comp;
    }

    private JsonNode? LambdaCall(int depth, ValueType? returns = null)
    {
        var fit = _lambdas.Where(l => returns is null || l.Returns == returns || l.Returns == ValueType.None).ToList();
        if (fit.Count == 0)
            return null;
        var (name, arity, _) = fit[_rng.Next(fit.Count)];
        var args = new JsonArray([.. Enumerable.Range(0, Chance(ErrorRate) ? arity + 1 : arity).Select(_ => Expr(ValueType.Int, Math.Min(depth, 1)))]);
        if (arity > 0 && Chance(0.3))
            return new JsonObject { ["call"] = name, ["kwargs"] = new JsonObject { ["a0"] = args[0]!.DeepClone() }, ["args"] = new JsonArray([.. args.Skip(1).Select(x => x?.DeepClone())]) };
        return new JsonObject { ["call"] = name, ["args"] = args };
    }

    /// <summary>An int from lazy iterables: sum, next(iter(...), default), min/max with key= and default=, a main lambda's result.</summary>
    private JsonNode? InterplayInt(int depth) => _rng.Next(5) switch
    {
        0 => Call("sum", LazyIterable(depth)),
        1 => Chance(0.7) ? Call("next", Call("iter", LazyIterable(depth)), SmallIntLiteral()) : Call("next", Call("iter", LazyIterable(depth))),
        2 => Kw(Kw(Call(Pick("min", "max"), LazyIterable(depth)), "key", MapFunction(1, depth)), "default", SmallIntLiteral()),
        3 when LambdaCall(depth, ValueType.Int) is { } call => call,
        3 when _hasGlobal => JsonValue.Create("$" + GlobalName),
        _ => Call("len", InterplayList(depth)),
    };

    /// <summary>A bool: any/all of a generator, membership in a lazy iterable, isinstance with user classes and tuples.</summary>
    private JsonNode? InterplayBool(int depth) => _rng.Next(4) switch
    {
        0 => Call(Pick("any", "all"), LazyIterable(depth)),
        1 => Op(Pick("in", "not_in"), Expr(Pick(ValueType.Int, ValueType.Str), 0), LazyIterable(depth)),
        2 => Call("isinstance", AnyExpr(1), TypeOperand()),
        _ => Call("hasattr", Call("iter", LazyIterable(depth)), JsonValue.Create(Pick("args", "name", "upper"))),
    };

    private JsonNode? TypeOperand()
    {
        JsonNode One() => _exceptionClasses.Count > 0 && Chance(0.3)
            ? (Chance(0.5) ? JsonValue.Create("$" + Pick(_exceptionClasses.ToArray())) : new JsonObject { ["type"] = Pick(_exceptionClasses.ToArray()) })
            : new JsonObject { ["type"] = Pick("int", "bool", "str", "list", "tuple", "Exception", "LookupError", "BaseException", "ValueError") };
        return Chance(0.3) ? new JsonObject { ["tuple"] = new JsonArray(One(), One()) } : One();
    }

    /// <summary>A str: a str method on any expression (a format, a call, a literal), or the repr of a lazy result.</summary>
    private JsonNode? InterplayStr(int depth)
    {
        var of = _rng.Next(3) switch
        {
            0 => FormatExpr(),
            1 => Call("str", AnyExpr(Math.Min(depth, 1))),
            _ => StrLiteral(),
        };
        var method = Pick("upper", "lower", "strip", "zfill", "center", "replace", "split", "join", "startswith", "count", "find");
        var args = method switch
        {
            "zfill" or "center" => new JsonArray(SmallIntLiteral(0, 9)),
            "replace" => new JsonArray(Text(Pick("a", " ", "")), Text(Pick("-", "", "xy"))),
            "join" => new JsonArray(Call("map", new JsonObject { ["builtin"] = "str" }, LazyIterable(depth))),
            "startswith" or "count" or "find" => new JsonArray(Text(Pick("a", " ", "", "1"))),
            _ => new JsonArray(),
        };
        JsonNode call = new JsonObject { ["call"] = new JsonObject { ["attr"] = method, ["of"] = of }, ["args"] = args };
        return method is "split" or "startswith" or "count" or "find" ? Call("repr", call) : call;
    }

    /// <summary>A step: for over a lazy iterable (with a target list), the module variable read, bumped or deleted, a generator made and dropped.</summary>
    private JsonNode? InterplayStep(int depth)
    {
        switch (_rng.Next(6))
        {
            case 0 or 1 when depth > 0:
            {
                var pairs = Chance(0.4);
                JsonNode target;
                var mark = _vars.Count;
                if (pairs)
                {
                    var (k, v) = (Fresh("k"), Fresh("x"));
                    _vars.Add((k, ValueType.Any));
                    _vars.Add((v, ValueType.Any));
                    target = new JsonArray(k, v);
                }
                else
                {
                    var x = Fresh("x");
                    _vars.Add((x, ValueType.Any));
                    target = x;
                }
                var source = pairs ? (Chance(0.5) ? Call("enumerate", LazyIterable(1)) : Call("zip", LazyIterable(1), LazyIterable(1))) : LazyIterable(1);
                _loops++;
                var body = Block(depth - 1);
                _loops--;
                _vars.RemoveRange(mark, _vars.Count - mark);
                return new JsonObject { ["for"] = target, ["in"] = source, ["do"] = body };
            }
            case 2 when _hasGlobal:
                return Chance(0.8)
                    ? new JsonObject { ["set"] = GlobalName, ["to"] = Op("add", JsonValue.Create("$" + GlobalName), SmallIntLiteral()) }
                    : Chance(0.5) ? new JsonObject { ["del"] = GlobalName } : new JsonObject { ["print"] = new JsonObject { ["format"] = $"{GlobalName}={{{GlobalName}:>4}}" } };
            case 3 when GenCall(1) is { } g:
                return new JsonObject { ["expr"] = g }; // made and dropped: its body never runs
            case 4:
                return new JsonObject { ["print"] = new JsonArray(InterplayList(depth), InterplayInt(depth)) };
            default:
                return new JsonObject { ["print"] = new JsonArray(InterplayBool(depth), InterplayStr(depth)), ["sep"] = JsonValue.Create(Pick(" | ", "", ",")) };
        }
    }

    /// <summary>Extra things a handler shows of its exception: isinstance against a user class, getattr of args, a !r with a spec.</summary>
    private IEnumerable<JsonNode> HandlerExtras(string name)
    {
        if (Chance(0.3))
            yield return Call("isinstance", JsonValue.Create("$" + name), TypeOperand());
        if (Chance(0.2))
            yield return Call("getattr", JsonValue.Create("$" + name), JsonValue.Create(Pick("args", "code")), Chance(0.5) ? JsonValue.Create("none") : null);
        if (Chance(0.2))
            yield return new JsonObject { ["format"] = $"{{{name}!r:>{_rng.Next(0, 30)}}}|{{{name}!s:.5}}|" };
    }
}
