using System.Text.Json.Nodes;
using ValueType = Conformance.Harness.Fuzzing.Internal.ValueType;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// User functions with defaults called with keyword arguments, and target lists (<c>set: [a, b]</c>,
/// <c>for: [k, v]</c>), with unpacking errors on purpose.
/// </summary>
public sealed partial class ProgramGenerator
{
    private sealed record UserFunction(string Name, string[] Params, ValueType[] Types, int Required, ValueType Returns);

    private readonly List<UserFunction> _userFunctions = new();

    /// <summary>0 to 2 module functions: typed parameters (the last ones with constant defaults), one return.</summary>
    private JsonObject? Functions()
    {
        _userFunctions.Clear();
        if (Chance(0.4))
            return null;
        var functions = new JsonObject();
        var count = _rng.Next(1, 3);
        for (var f = 0; f < count; f++)
        {
            var name = $"f{f}";
            var n = _rng.Next(0, 4);
            var parameters = Enumerable.Range(0, n).Select(i => $"p{i}").ToArray();
            var types = parameters.Select(_ => AnyConcrete()).ToArray();
            var required = _rng.Next(0, n + 1);
            var spec = new JsonObject { ["params"] = new JsonArray([.. parameters.Select(p => (JsonNode)JsonValue.Create(p))]) };
            if (required < n)
            {
                var saved = _vars.ToList();
                _vars.Clear(); // a default is a constant: no variable, no call
                var defaults = new JsonObject();
                for (var i = required; i < n; i++)
                    defaults[parameters[i]] = Literal(types[i], 0);
                spec["defaults"] = defaults;
                _vars.AddRange(saved);
            }
            // The body sees only its parameters (and the functions defined before it: no recursion, so it ends).
            var outer = _vars.ToList();
            _vars.Clear();
            for (var i = 0; i < n; i++)
                _vars.Add((parameters[i], types[i]));
            var steps = new JsonArray();
            var listParam = Enumerable.Range(0, n).FirstOrDefault(i => types[i] == ValueType.List, -1);
            if (listParam >= 0 && Chance(0.6))
            {
                // A list parameter with a default is one list shared by every call that leaves it out.
                steps.Add(new JsonObject { ["call"] = $"{parameters[listParam]}.append", ["args"] = new JsonArray(SmallIntLiteral()) });
            }
            var returns = AnyConcrete();
            steps.Add(new JsonObject { ["return"] = Expr(returns, 2) });
            spec["steps"] = steps;
            _vars.Clear();
            _vars.AddRange(outer);
            functions[name] = spec;
            _userFunctions.Add(new UserFunction(name, parameters, types, required, returns));
        }
        return functions;
    }

    /// <summary>A call of a user function returning <paramref name="type"/>: some arguments by position, the rest by keyword in any order, defaults left out at times.</summary>
    private JsonNode? UserCall(ValueType type, int depth)
    {
        var candidates = _userFunctions.Where(f => f.Returns == type || type == ValueType.Any).ToList();
        if (candidates.Count == 0)
            return null;
        var f = candidates[_rng.Next(candidates.Count)];
        var positional = _rng.Next(0, f.Params.Length + 1);
        var args = new JsonArray();
        for (var i = 0; i < positional; i++)
            args.Add(Expr(f.Types[i], depth - 2));
        var kwargs = new JsonObject();
        foreach (var i in Enumerable.Range(positional, f.Params.Length - positional).OrderBy(_ => _rng.Next()))
        {
            if (i >= f.Required && Chance(0.5))
                continue; // its default
            kwargs[f.Params[i]] = Expr(f.Types[i], depth - 2);
        }
        var call = new JsonObject { ["call"] = f.Name };
        if (args.Count > 0)
            call["args"] = args;
        if (kwargs.Count > 0)
            call["kwargs"] = kwargs;
        return call;
    }

    /// <summary><c>set: [a, b]</c> (sometimes nested): usually a tuple or list of as many items; with the error rate, the wrong count or a non-iterable.</summary>
    private JsonObject Unpack()
    {
        var n = _rng.Next(1, 4);
        var types = Enumerable.Range(0, n).Select(_ => AnyConcrete()).ToArray();
        JsonNode? value;
        var typed = true;
        if (Chance(ErrorRate * 2))
        {
            typed = false;
            value = _rng.Next(3) switch
            {
                0 => Expr(Pick(ValueType.Int, ValueType.Float, ValueType.None, ValueType.Bool), 1),
                1 => Expr(Pick(ValueType.Str, ValueType.Dict, ValueType.List), 1),
                _ => new JsonObject { ["tuple"] = new JsonArray([.. Enumerable.Range(0, n + Pick(-1, 1)).Select(_ => AnyExpr(1))]) },
            };
        }
        else
        {
            var items = new JsonArray([.. types.Select(t => Expr(t, 2))]);
            value = Chance(0.5) ? new JsonObject { ["tuple"] = items } : items;
        }
        var targets = new JsonArray();
        var bound = new List<(string, ValueType)>();
        for (var i = 0; i < n; i++)
        {
            var name = Fresh("u");
            targets.Add(name);
            bound.Add((name, typed ? types[i] : ValueType.Any));
        }
        _vars.AddRange(bound);
        return new JsonObject { ["set"] = targets, ["to"] = value };
    }

    /// <summary>A for loop over pairs with <c>for: [k, v]</c>: a dict's items() or a list of pairs (with the error rate, of the wrong length).</summary>
    private JsonObject ForPairs(int depth)
    {
        JsonNode iterable;
        if (Var(ValueType.Dict) is { } d && Chance(0.5))
        {
            iterable = new JsonObject { ["call"] = d.GetValue<string>()[1..] + ".items" };
        }
        else
        {
            var pairs = new JsonArray();
            var count = _rng.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                var size = Chance(ErrorRate * 2) ? Pick(1, 3) : 2;
                pairs.Add(new JsonObject { ["tuple"] = new JsonArray([.. Enumerable.Range(0, size).Select(_ => AnyExpr(1))]) });
            }
            iterable = pairs;
        }
        var (k, v) = (Fresh("k"), Fresh("x"));
        var mark = _vars.Count;
        _vars.Add((k, ValueType.Any));
        _vars.Add((v, ValueType.Any));
        _loops++;
        var body = Block(depth);
        _loops--;
        _vars.RemoveRange(mark, _vars.Count - mark);
        return new JsonObject { ["for"] = new JsonArray(k, v), ["in"] = iterable, ["do"] = body };
    }
}
