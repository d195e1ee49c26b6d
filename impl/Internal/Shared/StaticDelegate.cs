using System;
using System.Reflection;

namespace Multiprocessing.Internal.Shared;

/// <summary>
/// A static method (or a lambda that captures nothing) written by reference, as CPython pickles a module-level
/// function: the declaring type and the method's metadata token. What a Barrier's action is in a child.
/// </summary>
internal static class StaticDelegate
{
    private const BindingFlags SingletonField = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Refuses what cannot travel (a capturing lambda, a multicast or generic delegate) with a PicklingError.</summary>
    public static void Check(Delegate d, string what)
    {
        var m = d.Method;
        var decl = m.DeclaringType ?? throw new PicklingError($"Can't pickle {m.Name} as {what}: it has no declaring type");
        if (d.GetInvocationList().Length != 1)
            throw new PicklingError($"Can't pickle {what}: multicast delegates cannot be sent to a child");
        if (m.IsGenericMethod)
            throw new PicklingError($"Can't pickle {decl.Name}.{m.Name} as {what}: generic methods are not supported");
        if (d.Target is not null && !ReferenceEquals(decl.GetField("<>9", SingletonField)?.GetValue(null), d.Target))
            throw new PicklingError($"Can't pickle {decl.Name}.{m.Name} as {what}: it captures {d.Target.GetType().Name}; " +
                "use a static method or a lambda that captures nothing");
    }

    /// <summary>Writes a method <see cref="Check"/> accepted; <paramref name="target"/> is null or the closure singleton.</summary>
    public static void Write(PickleWriter w, MethodInfo m, object? target)
    {
        w.WriteTypeName(m.DeclaringType!);
        w.WriteInt(m.MetadataToken);
        w.WriteBool(target is not null);
    }

    /// <summary>The method and its target (the compiler's closure singleton for a non-capturing lambda, else null).</summary>
    public static (MethodInfo Method, object? Target) Read(PickleReader r)
    {
        var decl = r.ReadTypeName();
        var token = r.ReadInt();
        var singleton = r.ReadBool();
        var method = decl.Module.ResolveMethod(token) as MethodInfo
            ?? throw new PicklingError($"cannot find method {token:x} in {decl.FullName}");
        return (method, singleton ? decl.GetField("<>9", SingletonField)!.GetValue(null) : null);
    }
}
