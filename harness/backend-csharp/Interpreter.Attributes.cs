using System;
using System.Collections.Generic;
using System.Linq;
using Conformance.Backend.CSharp.Internal;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;
using Process = Multiprocessing.Process;

namespace Conformance.Backend.CSharp;

/// <summary>Names, attributes and items: variable lookup, <c>getattr</c>/<c>setattr</c> under the attribute policy, <c>x[k]</c> and <c>x[k] = v</c>.</summary>
public sealed partial class Interpreter
{
    private static readonly IReadOnlyDictionary<string, object?> NoKwargs = new Dictionary<string, object?>();

    private object? Lookup(string path, Frame frame)
    {
        var parts = path.Split('.');
        var value = Name(parts[0], frame);
        for (var i = 1; i < parts.Length; i++)
            value = GetAttr(value, parts[i]);
        return value;
    }

    private object? Name(string name, Frame frame)
    {
        if (TryVariable(name, frame, out var v))
            return v;
        if (frame.Unbound(name) is { } unbound)
            throw unbound;
        if (_functions.ContainsKey(name))
            return new UserFunction(name);
        if (_classes.ContainsKey(name))
            return new UserClass(name);
        throw new PyException("NameError", $"name '{name}' is not defined");
    }

    /// <summary>Python <c>getattr(value, attr)</c> for scenario values.</summary>
    public object? GetAttr(object? value, string attr)
    {
        Policy.CheckAttribute(attr);
        if (attr == "__class__")
            return PyType.Of(Traced.Unwrap(value));
        switch (value)
        {
            case string s when StrMethods.Contains(attr):
                return new PrimitiveMethod(s, "str", attr);
            case string when !Policy.ReadableDunders.Contains(attr):
                throw new ScenarioViolation("attribute of a str", attr);
            case BuiltinFunction b when attr == "__name__":
                return b.Name;
            case Traced { Obj: NamespaceProxy } ns:
                return TracedCall(ns, "__getattr__", [attr], NoKwargs);
            case Traced { Obj: not ScenarioProcess } t when LanguageFile.PrimitiveMethods(t.TypeName).Contains(attr):
                // As CPython's getattr on the object: a bound method, whose calls are not traced.
                return new PrimitiveMethod(t.Obj, t.TypeName, attr);
            case Traced t:
                return GetAttr(t.Obj, attr);
            case UserFunction f when attr == "__name__":
                return f.Name;
            case PyLambda when attr == "__name__":
                return "<lambda>";
            case UserClass c when attr == "__name__":
                return c.Name;
            case GenericAliasView:
                throw new ScenarioViolation("attribute of a generic alias", attr);
            case PyType type when attr == "__name__":
                return type.Name;
            case PyType type:
                throw new Multiprocessing.AttributeError($"type object '{type.Name}' has no attribute '{attr}'");
            case ScenarioObject o:
                if (o.Fields.TryGetValue(attr, out var field))
                    return field;
                if (HasMethod(o.ClassName, attr))
                    return new BoundMethod(o, o.ClassName, attr);
                throw PyErrors.NoAttribute(o, attr);
            case ScenarioProcess sp:
                if (sp.Fields.TryGetValue(attr, out var spField))
                    return spField;
                if (HasMethod(sp.ClassName, attr))
                    return new BoundMethod(sp, sp.ClassName, attr);
                return ProcessAttr(sp, attr);
            case Process p:
                return ProcessAttr(p, attr);
            case var shared when IsShared(shared):
                return SharedAttr(shared!, attr); // Interpreter.Shared.cs
            case ParentProcessInfo pp:
                return attr switch
                {
                    "name" => pp.Name,
                    "pid" or "ident" => (long)pp.Pid,
                    _ => throw PyErrors.NoAttribute(pp, attr),
                };
            case BaseProxy proxy when TryProxyAttr(proxy, attr, out var proxyAttr): // Interpreter.Manager.cs
                return proxyAttr;
            case Exception e when attr == "args":
                return PyErrors.Args(e);
            case Exception e when attr == "__cause__":
                return PyErrors.CauseOf(e);
            case Exception e when attr == "code" && PyErrors.Matches(e, "SystemExit"):
                return PyErrors.Code(e);
            default:
                throw PyErrors.NoAttribute(value, attr);
        }
    }

    private static object? ProcessAttr(Process p, string attr) => attr switch
    {
        "name" => p.Name,
        "pid" or "ident" => p.Pid is { } pid ? (long)pid : null,
        "exitcode" => p.ExitCode is { } code ? (long)code : null,
        "daemon" => p.Daemon,
        "sentinel" => (long)p.Sentinel,
        "authkey" => p.AuthKey, // bytes (CPython: an AuthenticationString); compared, measured, never printed
        _ when LanguageFile.PrimitiveMethods("Process").Contains(attr) => new PrimitiveMethod(p, "Process", attr),
        _ => throw PyErrors.NoAttribute(p, attr),
    };

    /// <summary>Python <c>setattr(value, attr, new)</c>.</summary>
    public void SetAttr(object? value, string attr, object? newValue)
    {
        Policy.CheckAttribute(attr, write: true);
        switch (value)
        {
            case Traced { Obj: NamespaceProxy } ns:
                TracedCall(ns, "__setattr__", [attr, newValue], NoKwargs);
                return;
            case Traced t:
                SetAttr(t.Obj, attr, newValue);
                return;
            case ScenarioObject o:
                o.Fields[attr] = newValue;
                return;
            case ScenarioProcess sp when attr is not ("name" or "daemon"):
                sp.Fields[attr] = newValue;
                return;
            case Process p when attr == "name":
                p.Name = newValue as string ?? throw new AssertionError("name must be a string");
                return;
            case Process p when attr == "daemon":
                p.Daemon = PyOps.Truthy(newValue);
                return;
            case var shared when IsShared(shared):
                SetSharedAttr(shared!, attr, newValue); // Interpreter.Shared.cs
                return;
            case ValueProxy or BarrierProxy:
                SetProxyAttr((BaseProxy)value, attr, newValue); // Interpreter.Manager.cs
                return;
            default:
                throw PyErrors.NoAttribute(value, attr);
        }
    }

    private static object? GetItem(object? container, object? key)
    {
        switch (Traced.Unwrap(container))
        {
            case PyDict d:
                return d[key];
            case List<object?> l:
                return l[Index(l.Count, key, "list")];
            case PyTuple t:
                return t.Items[Index(t.Items.Count, key, "tuple")];
            case PyType type:
                return GenericAliasView.Subscript(type, Traced.Unwrap(key)); // Queue[int]: CPython's __class_getitem__
            case UserClass c:
                throw PyErrors.TypeError($"type '{c.Name}' is not subscriptable");
            case string s:
            {
                // By code point, as Python: an astral character is one item (two UTF-16 units).
                if (key is not (long or int or bool or System.Numerics.BigInteger))
                    throw PyErrors.TypeError($"string indices must be integers, not '{PyOps.TypeName(key)}'");
                var runes = s.EnumerateRunes().ToList();
                return runes[Index(runes.Count, key, "string")].ToString();
            }
            default:
                throw PyErrors.TypeError($"'{PyOps.TypeName(container)}' object is not subscriptable");
        }
    }

    private static int Index(int count, object? key, string what)
    {
        if (key is not (long or int or bool or System.Numerics.BigInteger))
            throw PyErrors.TypeError($"{what} indices must be integers or slices, not {PyOps.TypeName(key)}");
        var i = PyOps.AsLong(key);
        if (i < 0)
            i += count;
        if (i < 0 || i >= count)
            throw new PyException("IndexError", $"{what} index out of range");
        return (int)i;
    }

    private static void SetItem(object? container, object? key, object? value)
    {
        switch (Traced.Unwrap(container))
        {
            case PyDict d:
                d[key] = value;
                return;
            case List<object?> l:
                l[Index(l.Count, key, "list assignment")] = value;
                return;
            default:
                throw PyErrors.TypeError($"'{PyOps.TypeName(container)}' object does not support item assignment");
        }
    }
}
