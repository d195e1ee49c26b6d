using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>Expressions: the operators, comprehensions, <c>{format}</c> and argument lists (conformance_runner.py's <c>eval</c>).</summary>
public sealed partial class Interpreter
{
    /// <summary>A <c>{format}</c> template: <c>{name}</c>/<c>{name.attr}</c> insert <c>str()</c>, <c>!r</c>/<c>!s</c> convert, <c>:spec</c> formats; <c>{{</c>/<c>}}</c> escape.</summary>
    public string Format(string template, Func<string, object?> lookup)
    {
        var sb = new StringBuilder(template.Length + 16);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                sb.Append('}');
                i += 2;
            }
            else if (c == '{')
            {
                var j = template.IndexOf('}', i);
                if (j < 0)
                    throw new ValueError("Single '{' encountered in format string");
                var field = template[(i + 1)..j];
                var spec = "";
                var colon = field.IndexOf(':');
                if (colon >= 0)
                {
                    spec = field[(colon + 1)..];
                    field = field[..colon];
                }
                string? conversion = null;
                var bang = field.IndexOf('!');
                if (bang >= 0)
                {
                    conversion = field[(bang + 1)..];
                    field = field[..bang];
                }
                var value = lookup(field.Trim());
                value = conversion switch
                {
                    null => value,
                    "r" => PyRepr.Repr(value),
                    "s" => PyRepr.Str(value),
                    _ => throw new ValueError($"Unknown conversion specifier {conversion}"),
                };
                sb.Append(spec.Length > 0 ? PyFormat.Apply(value, spec) : PyRepr.Str(value));
                i = j + 1;
            }
            else if (c == '}')
            {
                throw new ValueError("Single '}' encountered in format string");
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private object? Eval(object? x, Frame frame)
    {
        switch (x)
        {
            case string s:
                if (s.StartsWith("$$", StringComparison.Ordinal))
                    return s[1..];
                if (s.StartsWith('$'))
                    return Lookup(s[1..], frame);
                return s;
            case List<object?> list:
            {
                var result = new List<object?>(list.Count);
                foreach (var item in list)
                    result.Add(Eval(item, frame));
                return result;
            }
            case Dictionary<string, object?> e:
                return EvalExpression(e, frame);
            default:
                return x;
        }
    }

    private object? EvalExpression(Dictionary<string, object?> x, Frame frame)
    {
        if (x.TryGetValue("call", out var callee))
        {
            if (callee is Dictionary<string, object?> method)
            {
                // {attr: method, of: <expr>}: the object first, then the arguments.
                var name = method.GetValueOrDefault("attr") as string ?? throw new ScenarioViolation("method", PyRepr.Repr(method.GetValueOrDefault("attr")));
                Policy.CheckMethod(name);
                var obj = Eval(method["of"], frame);
                var (margs, mkwargs) = EvalArgs(x, frame);
                return obj is Traced traced ? TracedCall(traced, name, margs, mkwargs) : CallMethod(obj, name, margs, mkwargs);
            }
            var (args, kwargs) = EvalArgs(x, frame);
            return Call((string)callee!, args, kwargs, frame);
        }
        if (x.TryGetValue("new", out var type))
        {
            var (args, kwargs) = EvalArgs(x, frame);
            return New((string)type!, args, kwargs);
        }
        if (x.TryGetValue("tuple", out var tuple))
            return new PyTuple(AsList(tuple).Select(v => Eval(v, frame)).ToArray());
        if (x.TryGetValue("dict", out var pairs))
        {
            var d = new PyDict();
            foreach (var pair in AsList(pairs))
            {
                var kv = (List<object?>)pair!;
                var key = Eval(kv[0], frame);
                d[key] = Eval(kv[1], frame);
            }
            return d;
        }
        if (x.TryGetValue("format", out var template))
            return Format((string)template!, field => Lookup(field, frame));
        if (x.TryGetValue("attr", out var attr))
            return GetAttr(Eval(x["of"], frame), attr as string ?? throw new ScenarioViolation("attribute", PyRepr.Repr(attr)));
        if (x.TryGetValue("index", out var index))
        {
            var container = Eval(x["of"], frame);
            var key = Eval(index, frame);
            return container is Traced { Obj: SharedArray } ta ? TracedShared(ta, "__getitem__", key)
                : TryProxyItem(container, "__getitem__", [key], out var item) ? item : GetItem(container, key);
        }
        if (x.TryGetValue("and", out var all))
        {
            object? result = true;
            foreach (var v in AsList(all))
            {
                result = Eval(v, frame);
                if (!PyOps.Truthy(result))
                    return result;
            }
            return result;
        }
        if (x.TryGetValue("or", out var any))
        {
            object? result = false;
            foreach (var v in AsList(any))
            {
                result = Eval(v, frame);
                if (PyOps.Truthy(result))
                    return result;
            }
            return result;
        }
        if (x.TryGetValue("not", out var negated))
            return !PyOps.Truthy(Eval(negated, frame));
        if (x.TryGetValue("is_none", out var tested))
            return Traced.Unwrap(Eval(tested, frame)) is null;
        if (x.TryGetValue("neg", out var negative))
            return PyExpr.Negate(Eval(negative, frame));
        if (x.TryGetValue("pos", out var positive))
            return PyExpr.Plus(Eval(positive, frame));
        if (x.TryGetValue("cond", out var test))
            return PyOps.Truthy(Eval(test, frame)) ? Eval(x["then"], frame) : Eval(x["else"], frame);
        if (x.TryGetValue("slice", out var sliced))
        {
            var container = Eval(sliced, frame);
            var (start, stop, step) = SliceBounds(x, frame);
            if (container is Traced { Obj: SharedArray } ts)
                return TracedShared(ts, "__getitem__", new SliceKey(start, stop, step)); // Interpreter.Shared.cs
            return PySlice.Get(container, start, stop, step);
        }
        if (x.ContainsKey("list_comp") || x.ContainsKey("dict_comp"))
            return Comprehension(x, frame); // before the binary operators: 'in' is one of its keys
        if (x.TryGetValue("type", out var typeName))
            return TypeView(typeName as string ?? throw new ScenarioViolation("type", PyRepr.Repr(typeName)));
        if (x.TryGetValue("builtin", out var builtinName))
            return BuiltinValue(builtinName as string ?? throw new ScenarioViolation("built-in value", PyRepr.Repr(builtinName)));
        if (x.TryGetValue("lambda", out var lambdaBody))
        {
            var parameters = AsList(x.GetValueOrDefault("params")).Cast<string>().ToList();
            return new PyLambda(frame.Qualname is null ? "<lambda>" : $"{frame.Qualname}.<locals>.<lambda>", parameters, lambdaBody, frame);
        }
        foreach (var (op, operandsExpr) in x)
        {
            if (!Binary.TryGetValue(op, out var fn))
                continue;
            var operands = AsList(operandsExpr).Select(v => Eval(v, frame)).ToList();
            var result = operands[0];
            for (var i = 1; i < operands.Count; i++)
                result = fn(result, operands[i]);
            return result;
        }
        throw new ValueError($"unknown expression {PyRepr.Repr(x.Keys.Order(StringComparer.Ordinal).Select(k => (object?)k).ToList())}");
    }

    private static readonly Dictionary<string, Func<object?, object?, object?>> Binary = new()
    {
        ["add"] = PyOps.Add,
        ["sub"] = PyOps.Sub,
        ["mul"] = PyOps.Mul,
        ["div"] = PyOps.Div,
        ["floordiv"] = PyOps.FloorDiv,
        ["mod"] = PyOps.Mod,
        ["eq"] = (a, b) => PyOps.Eq(a, b),
        ["ne"] = (a, b) => !PyOps.Eq(a, b),
        ["lt"] = (a, b) => PyOps.Compare(a, b, "<"),
        ["le"] = (a, b) => PyOps.Compare(a, b, "<="),
        ["gt"] = (a, b) => PyOps.Compare(a, b, ">"),
        ["ge"] = (a, b) => PyOps.Compare(a, b, ">="),
        ["is"] = (a, b) => PyOps.Is(a, b),
        ["in"] = (a, b) => PyExpr.Contains(b, a),
        ["not_in"] = (a, b) => !PyExpr.Contains(b, a),
        ["pow"] = PyExpr.Pow,
    };

    /// <summary>A list or dict comprehension: the iterable in this scope, the element, key, value and filter in its own.</summary>
    private object? Comprehension(Dictionary<string, object?> x, Frame frame)
    {
        var items = PyOps.Iterate(Eval(x["in"], frame), this);
        var scope = frame.Comprehension();
        var target = x["for"];
        var isList = x.TryGetValue("list_comp", out var element);
        var list = isList ? new List<object?>() : null;
        var dict = isList ? null : new PyDict();
        foreach (var item in items)
        {
            if (target is List<object?>)
                AssignTarget(scope, target, item); // for: [k, v], unpacked as the for step's
            else
                scope.Vars[(string)target!] = item;
            if (x.TryGetValue("if", out var filter) && !PyOps.Truthy(Eval(filter, scope)))
                continue;
            if (list is not null)
            {
                list.Add(Eval(element, scope));
            }
            else
            {
                var pair = (List<object?>)x["dict_comp"]!;
                var key = Eval(pair[0], scope);
                dict![key] = Eval(pair[1], scope);
            }
        }
        return (object?)list ?? dict;
    }

    private (List<object?> Args, Dictionary<string, object?> Kwargs) EvalArgs(Dictionary<string, object?> x, Frame frame)
    {
        var args = AsList(x.GetValueOrDefault("args")).Select(a => Eval(a, frame)).ToList();
        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (x.GetValueOrDefault("kwargs") is Dictionary<string, object?> kw)
        {
            foreach (var (k, v) in kw)
                kwargs[k] = Eval(v, frame);
        }
        return (args, kwargs);
    }
}
