using System;
using System.Collections.Generic;
using System.Reflection;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Pooling;

/// <summary>
/// A pool task's function as it crosses to a worker (CPython pickles a function by reference): a static method (or a
/// lambda that captures nothing) by its declaring type and metadata token, or an <see cref="IPyCallable"/> by value.
/// </summary>
internal sealed class PoolFunction
{
    private static readonly Dictionary<string, object?> NoKwargs = new();

    private readonly IPyCallable? _callable;
    private readonly MethodInfo? _method;
    private readonly object? _target;
    private readonly MethodInvoker? _invoker;
    private readonly ParameterInfo[] _parameters = [];
    private readonly Func<object?, object?>? _direct;

    private PoolFunction(IPyCallable callable) => _callable = callable;

    private PoolFunction(MethodInfo method, object? target)
    {
        _method = method;
        _target = target;
        _invoker = MethodInvoker.Create(method);
        _parameters = method.GetParameters();
        _direct = Direct(method, target, _parameters);
    }

    /// <summary>
    /// A direct delegate for a one-parameter method (a map's function), so a chunk of trivial calls does not go
    /// through reflection: a fresh worker would run MethodInvoker's slow first calls for every task.
    /// </summary>
    private static Func<object?, object?>? Direct(MethodInfo method, object? target, ParameterInfo[] ps)
    {
        if (ps.Length != 1 || ps[0].ParameterType.IsByRef || method.ReturnType.IsByRef || ps[0].ParameterType.IsPointer
            || method.ReturnType.IsPointer || method.ContainsGenericParameters)
            return null;
        try
        {
            if (ps[0].ParameterType == typeof(object) && method.ReturnType == typeof(object))
                return target is null ? method.CreateDelegate<Func<object?, object?>>() : method.CreateDelegate<Func<object?, object?>>(target);
            var helper = method.ReturnType == typeof(void)
                ? typeof(PoolFunction).GetMethod(nameof(ActionOf), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(ps[0].ParameterType)
                : typeof(PoolFunction).GetMethod(nameof(FuncOf), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(ps[0].ParameterType, method.ReturnType);
            return (Func<object?, object?>?)helper.Invoke(null, [method, target]);
        }
        catch (ArgumentException)
        {
            return null; // not bindable as a delegate: reflection it is
        }
    }

    private static Func<object?, object?> FuncOf<TArg, TResult>(MethodInfo method, object? target)
    {
        var f = target is null ? method.CreateDelegate<Func<TArg, TResult>>() : method.CreateDelegate<Func<TArg, TResult>>(target);
        return x => f((TArg)x!);
    }

    private static Func<object?, object?> ActionOf<TArg>(MethodInfo method, object? target)
    {
        var f = target is null ? method.CreateDelegate<Action<TArg>>() : method.CreateDelegate<Action<TArg>>(target);
        return x =>
        {
            f((TArg)x!);
            return null;
        };
    }

    /// <summary>CPython's <c>callable(f)</c> for what a pool accepts: a Delegate or an <see cref="IPyCallable"/>.</summary>
    public static bool IsCallable(object? f) => f is Delegate or IPyCallable;

    /// <summary>Pickles <paramref name="f"/>; the error is CPython's <c>PicklingError</c> where pickle would fail.</summary>
    public static byte[] Encode(object f)
    {
        var w = new PickleWriter(spawn: null);
        switch (f)
        {
            case IPyCallable c:
                if (c.PicklingError() is { } refused) throw refused;
                w.WriteBool(false);
                w.WriteValue(c);
                break;
            case Delegate d:
            {
                if (d.GetInvocationList().Length != 1)
                    throw new PicklingError($"Can't pickle {d.Method.Name}: multicast delegates cannot be sent to a pool worker");
                var m = d.Method;
                var decl = m.DeclaringType ?? throw new PicklingError($"Can't pickle {m.Name}: it has no declaring type");
                if (m.IsGenericMethod)
                    throw new PicklingError($"Can't pickle {decl.Name}.{m.Name}: generic methods cannot be sent to a pool worker; wrap it in a non-generic static method");
                var singleton = false;
                if (d.Target is not null)
                {
                    var field = decl.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                    singleton = field is not null && ReferenceEquals(field.GetValue(null), d.Target);
                    if (!singleton)
                        throw new PicklingError(
                            $"Can't pickle {decl.Name}.{m.Name}: it captures {d.Target.GetType().Name}; " +
                            "use a static method or a lambda that captures nothing, and pass data as arguments");
                }
                w.WriteBool(true);
                w.WriteTypeName(decl);
                w.WriteInt(m.MetadataToken);
                w.WriteBool(singleton);
                break;
            }
            default:
                throw PyErrors.TypeError($"'{PyOps.TypeName(f)}' object is not callable");
        }
        return w.ToArray();
    }

    /// <summary>The function <see cref="Encode"/> wrote.</summary>
    public static PoolFunction Decode(byte[] data)
    {
        var r = new PickleReader(data, spawning: false);
        if (!r.ReadBool())
            return new PoolFunction((IPyCallable)r.ReadValue()!);
        var decl = r.ReadTypeName();
        var token = r.ReadInt();
        var singleton = r.ReadBool();
        var method = decl.Module.ResolveMethod(token) as MethodInfo
            ?? throw new PicklingError($"cannot find method {token:x} of {decl.FullName} in {Mp.Describe()}; parent and worker must run the same build");
        var target = singleton ? decl.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null) : null;
        return new PoolFunction(method, target);
    }

    /// <summary>Calls the function with one positional argument (map's item).</summary>
    public object? Call1(object? arg)
    {
        if (_callable is not null) return _callable.Call([arg], NoKwargs);
        if (_direct is not null) return _direct(arg);
        if (_parameters.Length == 1) return Invoke(arg);
        return Call([arg], NoKwargs);
    }

    /// <summary>Python <c>f(*args, **kwargs)</c>, binding a method's parameters by position, then name, then default.</summary>
    public object? Call(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (_callable is not null) return _callable.Call(args, kwargs);
        var ps = _parameters;
        var name = _method!.Name;
        if (args.Count > ps.Length)
            throw PyErrors.TypeError($"{name}() takes {ps.Length} positional argument{(ps.Length == 1 ? "" : "s")} but {args.Count} {(args.Count == 1 ? "was" : "were")} given");
        var values = new object?[ps.Length];
        for (var i = 0; i < ps.Length; i++)
        {
            if (i < args.Count)
            {
                if (kwargs.ContainsKey(ps[i].Name!)) throw PyErrors.TypeError($"{name}() got multiple values for argument '{ps[i].Name}'");
                values[i] = args[i];
            }
            else if (kwargs.TryGetValue(ps[i].Name!, out var v)) values[i] = v;
            else if (ps[i].HasDefaultValue) values[i] = ps[i].DefaultValue;
            else throw PyErrors.TypeError($"{name}() missing 1 required positional argument: '{ps[i].Name}'");
        }
        foreach (var k in kwargs.Keys)
        {
            if (Array.FindIndex(ps, p => p.Name == k) < 0)
                throw PyErrors.TypeError($"{name}() got an unexpected keyword argument '{k}'");
        }
        return Invoke(values);
    }

    private object? Invoke(object? arg)
    {
        try
        {
            return _invoker!.Invoke(_target, arg);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private object? Invoke(object?[] values)
    {
        try
        {
            return _invoker!.Invoke(_target, values.AsSpan());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
