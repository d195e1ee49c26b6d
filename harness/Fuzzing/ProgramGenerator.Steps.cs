using System.Text.Json.Nodes;
using ValueType = Conformance.Harness.Fuzzing.Internal.ValueType;

namespace Conformance.Harness.Fuzzing;

/// <summary>Steps: variables keep their type; a block's variables go out of the generator's scope when it ends.</summary>
public sealed partial class ProgramGenerator
{
    private static readonly string[] ExceptTypes =
    [
        "Exception", "Exception", "TypeError", "TypeError", "ValueError", "KeyError", "IndexError", "AttributeError",
        "RuntimeError", "NotImplementedError", "AssertionError", "OSError",
        // The hierarchy: bases that catch the errors above and below, and the BaseException-only ones.
        "BaseException", "LookupError", "ArithmeticError", "ZeroDivisionError", "OverflowError", "NameError",
        "UnboundLocalError", "StopIteration", "SystemExit", "KeyboardInterrupt", "TimeoutError",
        "multiprocessing.TimeoutError", "ProcessError", "ConnectionError", "BrokenPipeError", "EOFError",
    ];

    /// <summary>How many handlers (or finally blocks) the step being generated is inside: where a bare raise re-raises.</summary>
    private int _handling;

    private JsonArray Block(int depth, int min = 1, int max = 4)
    {
        var mark = _vars.Count;
        var steps = new JsonArray();
        var n = _rng.Next(min, max + 1);
        for (var i = 0; i < n; i++)
            steps.Add(Step(depth));
        // Names bound in a block may be unbound after it (a branch not taken, a loop that ran zero times).
        _vars.RemoveRange(mark, _vars.Count - mark);
        return steps;
    }

    private JsonNode Step(int depth)
    {
        var roll = _rng.Next(100);
        if (Chance(InterplayRate) && InterplayStep(depth) is { } interplay)
            return interplay;
        if (depth > 0)
        {
            if (roll < 10)
                return If(depth - 1);
            if (roll < 16)
                return Chance(0.25) ? ForPairs(depth - 1) : For(depth - 1);
            if (roll < 20)
                return While(depth - 1);
            if (roll < 30)
                return Try(depth - 1);
        }
        if (roll < 48)
            return Set();
        if (roll < 72)
            return Print();
        if (roll < 78 && SetItem() is { } setitem)
            return setitem;
        if (roll < 84 && MethodCall(1) is { } call)
            return call;
        if (roll < 87)
            return Chance(0.7) ? Raise() : Chance(0.5) && Delete() is { } del ? del : new JsonObject { ["expr"] = AnyExpr(2) };
        if (roll < 88)
            return Chance(0.7) && _handling > 0 || Chance(0.1) ? JsonValue.Create("raise") : Exit();
        if (roll < 92 && _loops > 0)
            return Pick("break", "continue", "pass");
        return Print();
    }

    private JsonObject Set()
    {
        if (Chance(0.12))
            return Unpack();
        if (_vars.Count > 0 && Chance(0.3))
        {
            var (name, type) = _vars[_rng.Next(_vars.Count)];
            if (type != ValueType.Exception)
                return new JsonObject { ["set"] = name, ["to"] = Expr(type, 3) };
        }
        var t = AnyConcrete();
        var value = Expr(t, 3);
        var fresh = Fresh("v");
        _vars.Add((fresh, t));
        return new JsonObject { ["set"] = fresh, ["to"] = value };
    }

    private JsonObject Print()
    {
        var values = new JsonArray();
        var n = _rng.Next(1, 4);
        for (var i = 0; i < n; i++)
            values.Add(Chance(0.3) && Var(ValueType.Any) is { } v ? v : AnyExpr(3));
        var step = new JsonObject { ["print"] = values };
        if (Chance(0.15))
            step["end"] = Chance(0.2) ? null : JsonValue.Create(Pick("", " ", "|\n", "\t", "é\n"));
        if (Chance(0.1))
            step["sep"] = Chance(0.2) ? null : Chance(ErrorRate) ? SmallIntLiteral() : JsonValue.Create(Pick("", ", ", "-", "\n"));
        return step;
    }

    /// <summary><c>del</c> of an item or slice of a list or dict variable (variables themselves stay bound: the generator tracks them).</summary>
    private JsonObject? Delete()
    {
        var containers = _vars.Where(v => v.Type is ValueType.List or ValueType.Dict || (Chance(ErrorRate) && v.Type is ValueType.Str or ValueType.Tuple)).ToList();
        if (containers.Count == 0)
            return null;
        var (name, type) = containers[_rng.Next(containers.Count)];
        if (type != ValueType.Dict && Chance(0.3))
        {
            var slice = new JsonObject { ["slice"] = "$" + name };
            if (Chance(0.5))
                slice["start"] = SmallIntLiteral(-4, 4);
            if (Chance(0.5))
                slice["step"] = SmallIntLiteral(-2, 2);
            return new JsonObject { ["del"] = slice };
        }
        var key = type == ValueType.Dict ? KeyLiteral() : SmallIntLiteral(-5, 5);
        return new JsonObject { ["del"] = new JsonObject { ["index"] = key, ["of"] = "$" + name } };
    }

    private JsonObject? SetItem()
    {
        var containers = _vars.Where(v => v.Type is ValueType.List or ValueType.Dict || (Chance(ErrorRate) && v.Type is ValueType.Str or ValueType.Tuple)).ToList();
        if (containers.Count == 0)
            return null;
        var (name, type) = containers[_rng.Next(containers.Count)];
        var key = type == ValueType.Dict ? (Chance(0.05) ? Items(0) : KeyLiteral()) : SmallIntLiteral(-5, 5);
        var saved = _noContainerVars;
        _noContainerVars = true;
        var value = Expr(AnyConcrete(), 2);
        _noContainerVars = saved;
        return new JsonObject { ["setitem"] = "$" + name, ["key"] = key, ["to"] = value };
    }

    private JsonObject Raise()
    {
        var caught = _vars.Where(v => v.Type == ValueType.Exception).Select(v => v.Name).ToList();
        if (caught.Count > 0 && Chance(0.15))
            return new JsonObject { ["raise"] = "$" + Pick(caught.ToArray()) }; // raise e: the value as it is
        var step = new JsonObject { ["raise"] = Pick(_exceptTypes[1..]) };
        if (Chance(0.15))
        {
            var args = new JsonArray();
            for (var n = _rng.Next(0, 4); n > 0; n--)
                args.Add(Chance(0.5) ? StrLiteral() : AnyExpr(1));
            step["args"] = args;
        }
        else if (Chance(0.8))
            step["message"] = Chance(0.6) ? StrLiteral() : AnyExpr(1);
        if (Chance(0.1))
            step["from"] = caught.Count > 0 && Chance(0.7) ? "$" + Pick(caught.ToArray()) : Chance(0.7) ? null : AnyExpr(0);
        return step;
    }

    /// <summary><c>sys.exit(code)</c>: SystemExit, which only BaseException and SystemExit handlers catch.</summary>
    private JsonObject Exit()
    {
        var call = new JsonObject { ["call"] = "sys.exit" };
        if (Chance(0.8))
            call["args"] = new JsonArray(_rng.Next(5) switch
            {
                0 => null,
                1 => JsonValue.Create(Chance(0.5)),
                2 => StrLiteral(),
                _ => SmallIntLiteral(),
            });
        return call;
    }

    private JsonObject If(int depth)
    {
        var step = new JsonObject { ["if"] = Chance(0.7) ? BoolExpr(2) : AnyExpr(2), ["then"] = Block(depth) };
        if (Chance(0.5))
            step["else"] = Block(depth);
        return step;
    }

    private JsonObject For(int depth)
    {
        var iterable = _rng.Next(6) switch
        {
            0 => RangeCall(),
            1 => Expr(ValueType.Str, 1),
            2 => Expr(ValueType.Dict, 1),
            3 => Expr(ValueType.Tuple, 1),
            4 when Chance(ErrorRate * 3) => Expr(Pick(ValueType.Int, ValueType.Float, ValueType.None), 0),
            _ => Expr(ValueType.List, 1),
        };
        var name = Fresh("x");
        var mark = _vars.Count;
        _vars.Add((name, ValueType.Any));
        _loops++;
        var body = Block(depth);
        _loops--;
        _vars.RemoveRange(mark, _vars.Count - mark);
        return new JsonObject { ["for"] = name, ["in"] = iterable, ["do"] = body };
    }

    /// <summary>A bounded while: its counter goes up first thing in the body, so <c>continue</c> cannot loop forever.</summary>
    private JsonObject While(int depth)
    {
        var counter = Fresh("i");
        var limit = _rng.Next(0, 5);
        var body = new JsonArray { new JsonObject { ["set"] = counter, ["to"] = Op("add", JsonValue.Create("$" + counter), JsonValue.Create(1L)) } };
        _loops++;
        foreach (var step in Block(depth))
            body.Add(step?.DeepClone());
        _loops--;
        var condition = Chance(0.7)
            ? (JsonNode)Op("lt", JsonValue.Create("$" + counter), JsonValue.Create((long)limit))
            : new JsonObject { ["and"] = new JsonArray(Op("lt", JsonValue.Create("$" + counter), JsonValue.Create((long)limit)), BoolExpr(1)) };
        // The counter's initial set is the step before: a two-step sequence is returned as an if-true wrapper so
        // that one generated step stays one step.
        return new JsonObject
        {
            ["if"] = true,
            ["then"] = new JsonArray(new JsonObject { ["set"] = counter, ["to"] = JsonValue.Create(0L) }, new JsonObject { ["while"] = condition, ["do"] = body }),
        };
    }

    private JsonObject Try(int depth)
    {
        var step = new JsonObject { ["try"] = Block(depth, 1, 4) };
        var handlers = new JsonArray();
        var n = Chance(0.15) ? 0 : _rng.Next(1, 3);
        for (var i = 0; i < n; i++)
        {
            var handler = new JsonObject { ["type"] = Pick(_exceptTypes) };
            var mark = _vars.Count;
            if (Chance(0.7))
            {
                var name = Fresh("e");
                handler["as"] = name;
                _vars.Add((name, ValueType.Exception));
                var shown = JsonValue.Create("$" + name);
                var report = new JsonArray(JsonValue.Create("caught"), Call("repr", shown), Call("str", shown.DeepClone()));
                if (Chance(0.3))
                    report.Add(new JsonObject { ["attr"] = "args", ["of"] = shown.DeepClone() });
                if (Chance(0.15))
                    report.Add(Call("repr", new JsonObject { ["attr"] = "__cause__", ["of"] = shown.DeepClone() }));
                if (Chance(0.2))
                    report.Add(new JsonObject { ["attr"] = "__name__", ["of"] = new JsonObject { ["attr"] = "__class__", ["of"] = shown.DeepClone() } });
                foreach (var extra in HandlerExtras(name))
                    report.Add(extra);
                handler["do"] = new JsonArray(new JsonObject { ["print"] = report });
                _handling++;
                foreach (var s in Block(depth, 0, 2))
                    ((JsonArray)handler["do"]!).Add(s?.DeepClone());
                _handling--;
            }
            else
            {
                _handling++;
                handler["do"] = Block(depth, 1, 2);
                _handling--;
            }
            _vars.RemoveRange(mark, _vars.Count - mark);
            handlers.Add(handler);
        }
        if (n > 0)
            step["except"] = handlers;
        if (n == 0 || Chance(0.3))
        {
            step["finally"] = new JsonArray(new JsonObject { ["print"] = new JsonArray(JsonValue.Create("finally")) });
            if (Chance(0.1))
                ((JsonArray)step["finally"]!).Add(JsonValue.Create("raise")); // re-raises what propagates, or RuntimeError
        }
        return step;
    }
}
