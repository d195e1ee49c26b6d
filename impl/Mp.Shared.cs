using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing</c> functions for shared ctypes values and start-method contexts.</summary>
public static partial class Mp
{
    private static readonly object ContextGate = new();
    private static bool s_startMethodSet;

    /// <summary>
    /// CPython's <c>Value(typecode, value, lock=True)</c>: a <see cref="Synchronized"/> wrapper on a new RLock; with
    /// <paramref name="lock"/> false the <see cref="RawValue"/> itself; with a Lock or RLock, a wrapper on that lock.
    /// Typecodes <c>c b B h H i I l L q Q f d</c> with C's sizes; ints wrap around as ctypes stores them.
    /// </summary>
    public static SharedValue Value(string typecode, object? value = null, object? @lock = null)
    {
        var obj = new RawValue(typecode, value);
        return LockFor(@lock) is { } l ? new Synchronized(obj, l) : obj;
    }

    /// <summary>CPython's <c>RawValue(typecode, value)</c>: a ctypes value in shared memory, without a lock.</summary>
    public static RawValue RawValue(string typecode, object? value = null) => new(typecode, value);

    /// <summary>
    /// CPython's <c>Array(typecode, size_or_initializer, lock=True)</c>: an int gives that many zeros, a sequence its
    /// items; a <see cref="SynchronizedArray"/> unless <paramref name="lock"/> is false.
    /// </summary>
    public static SharedArray Array(string typecode, object sizeOrInitializer, object? @lock = null)
    {
        var obj = new RawArray(typecode, sizeOrInitializer);
        return LockFor(@lock) is { } l ? new SynchronizedArray(obj, l) : obj;
    }

    /// <summary>CPython's <c>RawArray(typecode, size_or_initializer)</c>.</summary>
    public static RawArray RawArray(string typecode, object sizeOrInitializer) => new(typecode, sizeOrInitializer);

    /// <summary>sharedctypes' lock argument: False → none; True or None (or anything == True) → a new RLock; else a lock.</summary>
    private static SemLockBase? LockFor(object? lockArgument) => IPyWrapper.Unwrap(lockArgument) switch
    {
        false => null,
        null => new RLock(),
        var v when PyOps.Eq(v, true) => new RLock(),
        SemLockBase l => l,
        var v => throw new AttributeError($"{PyRepr.Repr(v)} has no method 'acquire'"),
    };

    /// <summary>
    /// CPython's <c>get_context(method=None)</c>: the spawn context, the one start method here; 'fork' and
    /// 'forkserver', as any other name on a platform without them, raise <c>ValueError: cannot find context for 'fork'</c>.
    /// </summary>
    public static SpawnContext GetContext(string? method = null)
    {
        if (method is null or "spawn") return SpawnContext.Instance;
        throw new ValueError($"cannot find context for {PyRepr.Repr(method)}");
    }

    /// <summary>
    /// CPython's <c>set_start_method(method, force=False)</c>: <c>RuntimeError('context has already been set')</c> once
    /// set (by a call, by <see cref="GetStartMethod"/>, or in any spawned child) unless <paramref name="force"/>.
    /// </summary>
    public static void SetStartMethod(string? method, bool force = false)
    {
        lock (ContextGate)
        {
            if (s_startMethodSet && !force) throw new RuntimeError("context has already been set");
            if (method is null && force)
            {
                s_startMethodSet = false;
                return;
            }
            GetContext(method);
            s_startMethodSet = true;
        }
    }

    /// <summary>CPython's <c>get_start_method(allow_none=False)</c>: 'spawn' (fixing it, as CPython does), or null if unset and allowed.</summary>
    public static string? GetStartMethod(bool allowNone = false)
    {
        lock (ContextGate)
        {
            if (!s_startMethodSet)
            {
                if (allowNone) return null;
                s_startMethodSet = true;
            }
            return "spawn";
        }
    }

    /// <summary>CPython's <c>get_all_start_methods()</c> on a platform with spawn only.</summary>
    public static IReadOnlyList<string> GetAllStartMethods() => ["spawn"];
}
