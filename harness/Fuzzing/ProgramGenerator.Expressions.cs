using System.Text;
using System.Text.Json.Nodes;
using ValueType = Conformance.Harness.Fuzzing.Internal.ValueType;

namespace Conformance.Harness.Fuzzing;

/// <summary>Expressions: each aims at a type, and with <see cref="ErrorRate"/> mixes types to provoke errors.</summary>
public sealed partial class ProgramGenerator
{
    private static JsonObject Op(string op, params JsonNode?[] operands) => new() { [op] = new JsonArray(operands) };

    private static JsonObject Call(string f, params JsonNode?[] args) => new() { ["call"] = f, ["args"] = new JsonArray(args) };

    private JsonNode? Var(ValueType type)
    {
        var candidates = _vars.Where(v => (type == ValueType.Any || v.Type == type)
            && !(_noContainerVars && v.Type is ValueType.List or ValueType.Dict or ValueType.Tuple or ValueType.Any)).ToList();
        return candidates.Count == 0 ? null : JsonValue.Create("$" + candidates[_rng.Next(candidates.Count)].Name);
    }

    private JsonNode? Expr(ValueType type, int depth)
    {
        if (type == ValueType.Any)
            return AnyExpr(depth);
        if (Chance(0.25) && Var(type) is { } v)
            return v;
        if (depth > 0 && _userFunctions.Count > 0 && Chance(0.08) && UserCall(type, depth) is { } call)
            return call;
        if (depth <= 0 || Chance(0.3))
            return Literal(type, depth);
        return type switch
        {
            ValueType.Int => IntExpr(depth - 1),
            ValueType.Float => FloatExpr(depth - 1),
            ValueType.Bool => BoolExpr(depth - 1),
            ValueType.Str => StrExpr(depth - 1),
            ValueType.List => ListExpr(depth - 1),
            ValueType.Tuple when Chance(0.15) => Slice(ValueType.Tuple, depth - 1),
            ValueType.Tuple => Op("add", Expr(ValueType.Tuple, depth - 1), Expr(ValueType.Tuple, depth - 1)) is var t && Chance(0.5) ? t : Literal(type, depth),
            ValueType.Dict => Chance(0.15) ? Comprehension(dict: true, depth - 1)
                : Chance(0.3) && Var(ValueType.Dict) is { } d ? new JsonObject { ["call"] = d.GetValue<string>()[1..] + ".copy" } : Literal(type, depth),
            _ => Literal(type, depth),
        };
    }

    private JsonNode? Literal(ValueType type, int depth) => type switch
    {
        ValueType.Int => IntLiteral(),
        ValueType.Float => FloatLiteral(),
        ValueType.Bool => JsonValue.Create(Chance(0.5)),
        ValueType.Str => StrLiteral(),
        ValueType.None => null,
        ValueType.List => Items(depth),
        ValueType.Tuple => new JsonObject { ["tuple"] = Items(depth, Chance(0.3) ? 1 : 4) },
        ValueType.Dict => DictLiteral(depth),
        _ => AnyExpr(depth),
    };

    private JsonArray Items(int depth, int max = 4)
    {
        var items = new JsonArray();
        var n = _rng.Next(0, max + 1);
        var type = Chance(0.5) ? AnyConcrete() : ValueType.Any; // homogeneous (sortable) or mixed
        for (var i = 0; i < n; i++)
            items.Add(Expr(type == ValueType.Any ? AnyConcrete() : type, Math.Min(depth - 1, 1)));
        return items;
    }

    private JsonObject DictLiteral(int depth)
    {
        var pairs = new JsonArray();
        var n = _rng.Next(0, 4);
        for (var i = 0; i < n; i++)
        {
            var key = Chance(0.04) ? Items(0) : KeyLiteral(); // a list key: unhashable
            pairs.Add(new JsonArray(key, Expr(AnyConcrete(), Math.Min(depth - 1, 1))));
        }
        return new JsonObject { ["dict"] = pairs };
    }

    private JsonNode? AnyExpr(int depth)
    {
        if (Chance(0.2) && Var(ValueType.Any) is { } v)
            return v;
        if (depth > 0 && Chance(0.25))
            return IndexExpr(depth - 1);
        if (depth > 0 && Chance(0.15))
            return Op(Pick("and", "or"), Expr(AnyConcrete(), depth - 1), Expr(AnyConcrete(), depth - 1));
        if (depth > 0 && Chance(0.1) && MethodCall(depth - 1) is { } m)
            return m;
        if (depth > 0 && Chance(0.08))
            return Cond(AnyConcrete(), depth - 1);
        return Expr(AnyConcrete(), depth);
    }

    /// <summary><c>{cond: c, then: a, else: b}</c>: the branch not taken may raise (it must not be evaluated).</summary>
    private JsonObject Cond(ValueType type, int depth) => new()
    {
        ["cond"] = Chance(0.6) ? BoolExpr(depth) : Expr(AnyConcrete(), depth),
        ["then"] = Chance(0.1) ? Op("floordiv", JsonValue.Create(1L), JsonValue.Create(0L)) : Expr(type, depth),
        ["else"] = Chance(0.1) ? new JsonObject { ["index"] = JsonValue.Create(9L), ["of"] = new JsonArray() } : Expr(type, depth),
    };

    /// <summary><c>a in b</c> / <c>a not in b</c>: containers of each kind, items that are and are not there, wrong types.</summary>
    private JsonObject Membership(int depth)
    {
        var container = Chance(ErrorRate) ? Pick(Concrete) : Pick(ValueType.List, ValueType.Tuple, ValueType.Str, ValueType.Dict);
        JsonNode? item = container switch
        {
            ValueType.Str when !Chance(ErrorRate) => Chance(0.5) ? StrLiteral() : JsonValue.Create(Pick("a", "b", "", "hello", "x")),
            ValueType.Dict => Chance(0.9) ? KeyLiteral() : Items(0),
            _ => Expr(AnyConcrete(), 0),
        };
        JsonNode? of = Expr(container, depth);
        if (container == ValueType.Dict && Chance(0.3) && Var(ValueType.Dict) is { } d)
            of = new JsonObject { ["call"] = d.GetValue<string>()[1..] + "." + Pick("keys", "values", "items") };
        return Op(Chance(0.7) ? "in" : "not_in", item, of);
    }

    /// <summary><c>value[start:stop:step]</c>: small and negative bounds, omitted and null ones, sometimes a zero or wrong-typed step.</summary>
    private JsonObject Slice(ValueType of, int depth)
    {
        var slice = new JsonObject { ["slice"] = Expr(Chance(ErrorRate / 2) ? Pick(Concrete) : of, depth) };
        foreach (var bound in new[] { "start", "stop", "step" })
        {
            if (!Chance(0.5))
                continue;
            slice[bound] = _rng.Next(12) switch
            {
                0 => null,
                1 when bound == "step" => JsonValue.Create(0L),
                2 when Chance(ErrorRate * 3) => Expr(Pick(ValueType.Str, ValueType.Float), 0),
                3 => Op("pow", JsonValue.Create(10L), JsonValue.Create(20L)), // beyond 64 bits: clamped
                _ => bound == "step" ? SmallIntLiteral(-3, 3) : SmallIntLiteral(-7, 7),
            };
        }
        return slice;
    }

    /// <summary><c>a ** b</c> with a small exponent (sometimes negative: a float), so no program builds a huge int.</summary>
    private JsonObject Pow(ValueType baseType, int depth)
    {
        var exponent = Chance(ErrorRate) ? Expr(Pick(Concrete), 0) : Chance(0.2) ? SmallIntLiteral(-3, -1) : SmallIntLiteral(0, 8);
        var b = baseType == ValueType.Float ? Expr(ValueType.Float, depth) : Chance(0.7) ? SmallIntLiteral(-4, 12) : Expr(ValueType.Int, 0);
        return Op("pow", b, exponent);
    }

    /// <summary>A comprehension over a list, string, tuple, dict or range; its variable is usable only inside.</summary>
    private JsonObject Comprehension(bool dict, int depth)
    {
        var iterable = _rng.Next(7) switch
        {
            0 => RangeCall(),
            1 => Expr(ValueType.Str, 1),
            2 => Expr(ValueType.Dict, 1),
            3 => Expr(ValueType.Tuple, 1),
            4 when Chance(ErrorRate * 3) => Expr(Pick(ValueType.Int, ValueType.None), 0),
            5 => LazyIterable(1),
            _ => Expr(ValueType.List, 1),
        };
        var name = Fresh("c");
        _vars.Add((name, ValueType.Any));
        try
        {
            var comp = new JsonObject();
            var saved = _noContainerVars;
            _noContainerVars = true;
            if (dict)
                comp["dict_comp"] = new JsonArray(Chance(0.6) ? JsonValue.Create("$" + name) : KeyLiteral(), Expr(AnyConcrete(), depth));
            else
                comp["list_comp"] = Chance(0.3) ? JsonValue.Create("$" + name) : Expr(AnyConcrete(), depth);
            _noContainerVars = saved;
            comp["for"] = name;
            comp["in"] = iterable;
            if (Chance(0.4))
                comp["if"] = Chance(0.5) ? JsonValue.Create("$" + name) : BoolExpr(Math.Min(depth, 1));
            return comp;
        }
        finally
        {
            _vars.RemoveAt(_vars.FindIndex(v => v.Name == name));
        }
    }

    /// <summary>Two operand types: well-typed ones from <paramref name="choices"/>, or (with ErrorRate) any two.</summary>
    private (ValueType, ValueType) Operands(params (ValueType, ValueType)[] choices) =>
        Chance(ErrorRate) ? (Pick(Concrete), Pick(Concrete)) : Pick(choices);

    private JsonNode? Binary(string op, (ValueType A, ValueType B) types, int depth)
    {
        // A sequence repeated by an int: the count is a small literal, so no program builds a huge string or list.
        if (op == "mul" && IsSequence(types.A) && types.B is ValueType.Int or ValueType.Bool)
            return Op(op, Expr(types.A, depth), SmallIntLiteral());
        if (op == "mul" && IsSequence(types.B) && types.A is ValueType.Int or ValueType.Bool)
            return Op(op, SmallIntLiteral(), Expr(types.B, depth));
        return Op(op, Expr(types.A, depth), Expr(types.B, depth));
    }

    private static bool IsSequence(ValueType t) => t is ValueType.Str or ValueType.List or ValueType.Tuple;

    private JsonNode? IntExpr(int depth)
    {
        if (Chance(InterplayRate) && InterplayInt(depth) is { } interplay)
            return interplay;
        switch (_rng.Next(14))
        {
            case >= 12:
                return BuiltinIntExpr(depth);
            case < 4:
                return Binary(Pick("add", "sub", "mul"), Operands((ValueType.Int, ValueType.Int), (ValueType.Int, ValueType.Bool), (ValueType.Bool, ValueType.Bool)), depth);
            case < 6:
                return Binary(Pick("floordiv", "mod"), Operands((ValueType.Int, ValueType.Int)), depth);
            case 6:
                return Chance(0.5) ? BigInt() : Chance(0.5) ? Pow(ValueType.Int, depth) : new JsonObject { [Pick("neg", "pos")] = Expr(Chance(ErrorRate) ? Pick(Concrete) : ValueType.Int, depth) };
            case < 9:
                return Call("len", Expr(Pick(ValueType.Str, ValueType.List, ValueType.Tuple, ValueType.Dict), depth));
            case 9 when Var(ValueType.List) is { } l:
                return new JsonObject { ["call"] = l.GetValue<string>()[1..] + "." + Pick("index", "count"), ["args"] = new JsonArray(Expr(AnyConcrete(), 0)) };
            default:
                return Binary(Pick("add", "mul", "sub"), Operands((ValueType.Int, ValueType.Int)), depth);
        }
    }

    /// <summary>A product of large literals: ints far beyond 64 bits (sometimes beyond a float's range).</summary>
    private JsonNode BigInt()
    {
        JsonNode n = JsonValue.Create(Pick(LargeInts));
        var factors = Chance(0.15) ? _rng.Next(16, 20) : _rng.Next(1, 4);
        for (var i = 0; i < factors; i++)
            n = Op(Chance(0.8) ? "mul" : "add", n, JsonValue.Create(Pick(LargeInts)));
        return n;
    }

    private JsonNode? FloatExpr(int depth) => _rng.Next(10) switch
    {
        >= 8 => BuiltinFloatExpr(depth),
        < 3 => Binary("div", Operands((ValueType.Int, ValueType.Int), (ValueType.Float, ValueType.Int), (ValueType.Int, ValueType.Float), (ValueType.Float, ValueType.Float)), depth),
        < 5 => Binary(Pick("add", "sub", "mul"), Operands((ValueType.Float, ValueType.Float), (ValueType.Float, ValueType.Int), (ValueType.Int, ValueType.Float)), depth),
        < 7 => Binary(Pick("floordiv", "mod"), Operands((ValueType.Float, ValueType.Float), (ValueType.Float, ValueType.Int), (ValueType.Int, ValueType.Float)), depth),
        7 when Chance(0.5) => Chance(0.5) ? Pow(ValueType.Float, depth) : new JsonObject { ["neg"] = Expr(ValueType.Float, depth) },
        _ => Binary("div", (ValueType.Int, ValueType.Int), depth),
    };

    private JsonNode? BoolExpr(int depth)
    {
        if (Chance(InterplayRate) && InterplayBool(depth) is { } interplay)
            return interplay;
        switch (_rng.Next(12))
        {
            case >= 10:
                return BuiltinBoolExpr(depth);
            case < 3:
                return Binary(Pick("eq", "ne"), Chance(0.5) ? (AnyConcrete(), AnyConcrete()) : Pick((ValueType.Int, ValueType.Float), (ValueType.Int, ValueType.Bool), (ValueType.List, ValueType.List), (ValueType.Tuple, ValueType.Tuple), (ValueType.Dict, ValueType.Dict)), depth);
            case < 6:
                return Binary(Pick("lt", "le", "gt", "ge"), Operands((ValueType.Int, ValueType.Int), (ValueType.Int, ValueType.Float), (ValueType.Float, ValueType.Float), (ValueType.Str, ValueType.Str), (ValueType.List, ValueType.List), (ValueType.Tuple, ValueType.Tuple), (ValueType.Bool, ValueType.Int)), depth);
            case 6:
                return new JsonObject { ["not"] = Expr(AnyConcrete(), depth) };
            case 7 when Chance(0.5):
                return Membership(depth);
            case 7:
                return new JsonObject { ["is_none"] = AnyExpr(depth) };
            case 8:
                // Identity only where CPython defines it (None, booleans, small ints, the same variable): string and
                // tuple identity depend on CPython's caches, which the language does not promise.
                return Op("is", IsOperand(), IsOperand());
            default:
                return Op(Pick("and", "or"), Expr(ValueType.Bool, depth), Expr(ValueType.Bool, depth));
        }
    }

    private JsonNode? IsOperand() => _rng.Next(5) switch
    {
        0 => null,
        1 => JsonValue.Create(Chance(0.5)),
        2 => SmallIntLiteral(),
        _ => Var(ValueType.Any) ?? JsonValue.Create(true),
    };

    private JsonNode? StrExpr(int depth)
    {
        if (Chance(InterplayRate) && InterplayStr(depth) is { } interplay)
            return interplay;
        switch (_rng.Next(15))
        {
            case >= 12:
                return BuiltinStrExpr(depth);
            case < 3:
                return Binary("add", Operands((ValueType.Str, ValueType.Str)), depth);
            case 3:
                return Binary("mul", Operands((ValueType.Str, ValueType.Int)), depth);
            case < 6:
                return Call("repr", AnyExpr(depth));
            case < 8:
                return Call("str", AnyExpr(depth));
            case < 10:
                return FormatExpr();
            case 10 when Chance(0.5):
                return Slice(ValueType.Str, depth);
            default:
                return IndexExpr(depth, ValueType.Str);
        }
    }

    private JsonNode FormatExpr()
    {
        var sb = new StringBuilder();
        var parts = _rng.Next(1, 4);
        for (var i = 0; i < parts; i++)
        {
            sb.Append(RandomText(3).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
            if (_vars.Count > 0 && Chance(0.8))
                sb.Append('{').Append(_vars[_rng.Next(_vars.Count)].Name).Append('}');
        }
        return new JsonObject { ["format"] = sb.ToString() };
    }

    private JsonNode? ListExpr(int depth)
    {
        if (Chance(InterplayRate) && InterplayList(depth) is { } interplay)
            return interplay;
        switch (_rng.Next(12))
        {
            case >= 10:
                return BuiltinListExpr(depth);
            case < 2:
                return RangeCall();
            case < 4:
                return SortedCall(depth);
            case 4:
                return Call("list", Expr(Pick(ValueType.Str, ValueType.Tuple, ValueType.Dict, ValueType.List), depth));
            case 5:
                return Binary("add", Operands((ValueType.List, ValueType.List)), depth);
            case 6:
                return Binary("mul", (ValueType.List, ValueType.Int), depth);
            case 7 when Var(ValueType.Dict) is { } d:
                return new JsonObject { ["call"] = d.GetValue<string>()[1..] + "." + Pick("keys", "values", "items") };
            case 8 when Chance(0.6):
                return Chance(0.5) ? Slice(ValueType.List, depth) : Comprehension(dict: false, depth);
            default:
                return Items(depth + 1);
        }
    }

    private JsonNode RangeCall()
    {
        var n = _rng.Next(10) switch
        {
            < 4 => 1,
            < 7 => 2,
            < 9 => 3,
            _ => Pick(0, 4),
        };
        var args = new JsonArray();
        for (var i = 0; i < n; i++)
            args.Add(Chance(0.05) ? Pick<JsonNode>(FloatLiteral(), StrLiteral()) : i == 2 && Chance(0.2) ? JsonValue.Create(0L) : SmallIntLiteral(-4, 8));
        return new JsonObject { ["call"] = "range", ["args"] = args };
    }

    private JsonNode SortedCall(int depth)
    {
        var call = new JsonObject { ["call"] = "sorted", ["args"] = new JsonArray(Expr(Pick(ValueType.List, ValueType.List, ValueType.Tuple, ValueType.Str, ValueType.Dict), depth)) };
        if (Chance(0.3))
            call["kwargs"] = new JsonObject { ["reverse"] = JsonValue.Create(Chance(0.7)) };
        return call;
    }

    /// <summary><c>value[key]</c>: in range, negative, out of range, wrong key types, missing dict keys.</summary>
    private JsonNode IndexExpr(int depth, ValueType? of = null)
    {
        var container = of ?? Pick(ValueType.List, ValueType.List, ValueType.Tuple, ValueType.Str, ValueType.Dict, ValueType.Dict);
        JsonNode? key;
        if (Chance(ErrorRate))
            key = Expr(Pick(Concrete), 0);
        else if (container == ValueType.Dict)
            key = KeyLiteral();
        else
            key = SmallIntLiteral(-5, 5);
        if (Chance(ErrorRate / 2))
            container = Pick(Concrete);
        return new JsonObject { ["index"] = key, ["of"] = Expr(container, depth) };
    }

    /// <summary>A method of a list or dict variable (or null when there is none).</summary>
    private JsonNode? MethodCall(int depth)
    {
        var saved = _noContainerVars;
        _noContainerVars = true; // an argument stored into the container must not be (or hold) a container variable
        try
        {
            if (Chance(0.5) && Var(ValueType.List) is { } l)
            {
                var name = l.GetValue<string>()[1..];
                return Pick("append", "pop", "index", "count", "insert", "reverse", "sort", "remove") switch
                {
                    "append" => Method(name, "append", Expr(AnyConcrete(), depth)),
                    "pop" => Chance(0.5) ? Method(name, "pop") : Method(name, "pop", SmallIntLiteral(-4, 4)),
                    "insert" => Method(name, "insert", SmallIntLiteral(-4, 6), Expr(AnyConcrete(), depth)),
                    "reverse" => Method(name, "reverse"),
                    "sort" => Method(name, "sort"),
                    var m => Method(name, m, Expr(AnyConcrete(), 0)),
                };
            }
            if (Var(ValueType.Dict) is { } d)
            {
                var name = d.GetValue<string>()[1..];
                return Pick("get", "pop", "setdefault", "keys", "items", "values") switch
                {
                    "get" => Chance(0.5) ? Method(name, "get", KeyLiteral()) : Method(name, "get", KeyLiteral(), Expr(AnyConcrete(), 0)),
                    "pop" => Chance(0.6) ? Method(name, "pop", KeyLiteral()) : Method(name, "pop", KeyLiteral(), Expr(AnyConcrete(), 0)),
                    "setdefault" => Method(name, "setdefault", KeyLiteral(), Expr(AnyConcrete(), depth)),
                    var m => Method(name, m),
                };
            }
            return null;
        }
        finally
        {
            _noContainerVars = saved;
        }
    }

    private static JsonObject Method(string variable, string method, params JsonNode?[] args) =>
        new() { ["call"] = $"{variable}.{method}", ["args"] = new JsonArray(args) };
}
