using System.Text;
using System.Text.Json.Nodes;
using ValueType = Conformance.Harness.Fuzzing.Internal.ValueType;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// Format specs over random ints, floats, strings and bools (the mini-language's every part, and specs that do not
/// fit the value, for the error texts), general built-ins (abs, round, int, float, min, max, sum, any, all, set,
/// zip, enumerate, reversed, sorted with a built-in key, isinstance) and str methods.
/// </summary>
public sealed partial class ProgramGenerator
{
    private static readonly string[] SpecTypes = ["", "", "d", "f", "e", "g", "%", "x", "X", "o", "b", "n", "E", "F", "G", "s", "c"];

    /// <summary>A random format spec: [[fill]align][sign][#][0][width][,|_][.precision][type].</summary>
    private string RandomSpec()
    {
        var sb = new StringBuilder();
        if (Chance(0.3))
        {
            if (Chance(0.5))
                sb.Append(Pick("*", "-", "0", "x", " ", "é"));
            sb.Append(Pick('<', '>', '^', '='));
        }
        if (Chance(0.25))
            sb.Append(Pick('+', '-', ' '));
        if (Chance(0.1))
            sb.Append('#');
        if (Chance(0.15))
            sb.Append('0');
        if (Chance(0.5))
            sb.Append(_rng.Next(0, 16));
        if (Chance(0.2))
            sb.Append(Pick(',', '_'));
        if (Chance(0.45))
            sb.Append('.').Append(Pick(0, 0, 1, 2, 2, 3, 5, 10, 17));
        sb.Append(Pick(SpecTypes));
        return sb.ToString();
    }

    /// <summary><c>{format}</c> of a variable with a spec and sometimes a conversion; null when no variable fits.</summary>
    private JsonNode? SpecFormatExpr()
    {
        var candidates = _vars.Where(v => v.Type is ValueType.Int or ValueType.Float or ValueType.Str or ValueType.Bool).ToList();
        if (candidates.Count == 0)
            return null;
        var sb = new StringBuilder();
        var parts = _rng.Next(1, 3);
        for (var i = 0; i < parts; i++)
        {
            var v = candidates[_rng.Next(candidates.Count)];
            sb.Append(Pick("", "[", " ", "x=")).Append('{').Append(v.Name);
            if (Chance(0.1))
                sb.Append(Pick("!r", "!s"));
            var spec = RandomSpec();
            if (spec.Length > 0)
                sb.Append(':').Append(spec);
            sb.Append('}');
        }
        return new JsonObject { ["format"] = sb.ToString() };
    }

    private JsonObject CallKw(string f, JsonArray args, JsonObject kwargs) => new() { ["call"] = f, ["args"] = args, ["kwargs"] = kwargs };

    private JsonNode? BuiltinIntExpr(int depth) => _rng.Next(9) switch
    {
        0 => Call("abs", Expr(Pick(ValueType.Int, ValueType.Int, ValueType.Bool), depth)),
        1 => Call("round", Expr(ValueType.Float, depth)),
        2 => Call("int", Expr(Pick(ValueType.Float, ValueType.Int, ValueType.Bool), depth)),
        3 => Call("int", Text(Pick(" 42", "-1_000", "0x1f", "ff", "+7 ", "1.5", "", "١٢", "0b11", "00", "1__0")), JsonValue.Create((long)Pick(10, 10, 16, 0, 2, 36))),
        4 => Call(Pick("min", "max"), Expr(ValueType.List, depth)),
        5 => Call(Pick("min", "max"), Expr(ValueType.Int, depth), Expr(ValueType.Int, depth), Expr(Pick(ValueType.Int, ValueType.Bool), depth)),
        6 => Call("sum", Expr(ValueType.List, depth)),
        7 => Call("len", Call("set", Expr(Pick(ValueType.List, ValueType.Str, ValueType.Tuple), depth))),
        _ => Call("round", Expr(ValueType.Int, depth), SmallIntLiteral(-3, 2)),
    };

    private JsonNode? BuiltinFloatExpr(int depth) => _rng.Next(5) switch
    {
        0 => Call("round", Expr(ValueType.Float, depth), SmallIntLiteral(-2, 4)),
        1 => Call("abs", Expr(ValueType.Float, depth)),
        2 => Call("float", Text(Pick(" 1.5", "-2e3", "inf", "-Infinity", "nan", "1_0.5", "x", ".5", "5.", "1e400", "0x10"))),
        3 => Call("float", Expr(Pick(ValueType.Int, ValueType.Float, ValueType.Bool), depth)),
        _ => Call("sum", new JsonArray(Expr(ValueType.Float, depth), Expr(ValueType.Float, depth), Expr(ValueType.Int, depth)), FloatLiteral()),
    };

    private JsonNode? BuiltinBoolExpr(int depth) => _rng.Next(5) switch
    {
        0 => Call(Pick("any", "all"), Expr(Pick(ValueType.List, ValueType.Tuple, ValueType.Str), depth)),
        1 => Call("bool", AnyExpr(depth)),
        2 => Call("isinstance", AnyExpr(depth), Chance(0.7)
            ? new JsonObject { ["type"] = Pick("int", "float", "bool", "str", "list", "tuple", "dict", "NoneType", "object") }
            : new JsonObject { ["tuple"] = new JsonArray(new JsonObject { ["type"] = "int" }, new JsonObject { ["type"] = "str" }) }),
        3 => Op("is", Call("type", AnyExpr(depth)), new JsonObject { ["type"] = Pick("int", "float", "bool", "str", "list") }),
        _ => StrMethodCall(depth, ValueType.Bool),
    };

    private JsonNode? BuiltinListExpr(int depth) => _rng.Next(7) switch
    {
        0 => CallKw("sorted", new JsonArray(Expr(Pick(ValueType.List, ValueType.Str, ValueType.Tuple), depth)),
            new JsonObject { ["key"] = new JsonObject { ["builtin"] = Pick("len", "str", "abs", "repr") }, ["reverse"] = Chance(0.5) }),
        1 => Call("list", Call("zip", Expr(ValueType.List, depth), Expr(Pick(ValueType.Str, ValueType.List, ValueType.Tuple), depth))),
        2 => Call("list", Chance(0.5) ? Call("enumerate", Expr(Pick(ValueType.List, ValueType.Str), depth))
            : CallKw("enumerate", new JsonArray(Expr(ValueType.List, depth)), new JsonObject { ["start"] = SmallIntLiteral() })),
        3 => Call("list", Call("reversed", Expr(Pick(ValueType.List, ValueType.Str, ValueType.Tuple, ValueType.Dict), depth))),
        4 => Call("sorted", Call("set", IntItems())), // of strs, which pair sorted compares first depends on str hashes
        5 => StrMethodCall(depth, ValueType.List),
        _ => Call("list", Call("set", IntItems())),
    };

    private JsonArray IntItems()
    {
        var items = new JsonArray();
        var n = _rng.Next(0, 30);
        for (var i = 0; i < n; i++)
            items.Add(Chance(0.1) ? new JsonObject { ["tuple"] = new JsonArray(SmallIntLiteral(), SmallIntLiteral()) } : Chance(0.8) ? SmallIntLiteral(-20, 300) : IntLiteral());
        return items;
    }

    private JsonNode? BuiltinStrExpr(int depth) => _rng.Next(4) switch
    {
        < 2 => SpecFormatExpr() ?? StrMethodCall(depth, ValueType.Str),
        // A set's order is CPython's only for elements with a process-independent hash: ints (and tuples of them), not strs.
        2 => Call("repr", Call("set", IntItems())),
        _ => StrMethodCall(depth, ValueType.Str),
    };

    /// <summary>A str method on a str variable, giving <paramref name="result"/> (str, bool or list); null without a str variable.</summary>
    private JsonNode? StrMethodCall(int depth, ValueType result)
    {
        if (Var(ValueType.Str) is not { } s)
            return null;
        var name = s.GetValue<string>()[1..];
        JsonNode Str() => Chance(0.5) ? StrLiteral() : Text(Pick("a", " ", "b", "ab", "", "x", ","));
        JsonObject M(string m, params JsonNode?[] args) => new() { ["call"] = name + "." + m, ["args"] = new JsonArray(args) };
        return result switch
        {
            ValueType.Bool => Pick("startswith", "endswith") is var m && Chance(0.3)
                ? M(m, new JsonObject { ["tuple"] = new JsonArray(Str(), Str()) })
                : M(m, Str()),
            ValueType.List => _rng.Next(3) switch
            {
                0 => M("split"),
                1 => M("split", Str()),
                _ => M("split", Chance(0.5) ? null : Str(), SmallIntLiteral(-1, 3)),
            },
            _ => _rng.Next(12) switch
            {
                0 => M(Pick("upper", "lower")),
                1 => M(Pick("strip", "lstrip", "rstrip")),
                2 => M(Pick("strip", "lstrip", "rstrip"), Str()),
                3 => M("replace", Str(), Str()),
                4 => M("replace", Str(), Str(), SmallIntLiteral(-1, 3)),
                5 => Call("str", M(Pick("find", "count"), Str())),
                6 => M("zfill", SmallIntLiteral(-1, 9)),
                7 => M(Pick("ljust", "rjust", "center"), SmallIntLiteral(0, 9)),
                8 => M(Pick("ljust", "rjust", "center"), SmallIntLiteral(0, 9), Text(Pick("*", "-", "é", "ab"))),
                9 => M("join", Expr(ValueType.List, depth)),
                10 => M("join", Items(depth)),
                _ => Call("str", M(Pick("find", "count"), Str(), SmallIntLiteral(-3, 5))),
            },
        };
    }
}
