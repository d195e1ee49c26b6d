using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// The pickle analogue: turns Process arguments and Queue items into bytes and back. Primitives, strings, arrays,
/// List&lt;T&gt;, Dictionary&lt;K,V&gt;, any enum and allowed user types (by their fields) are supported; only allowed types are
/// ever created when reading, and the allow-list travels to spawned children.
/// </summary>
public static class Pickler
{
    private static readonly ConcurrentDictionary<Type, bool> AllowedTypes = new();

    /// <summary>Allows <typeparamref name="T"/> to be pickled and unpickled (like making a class importable for pickle).</summary>
    public static void Allow<T>() => Allow(typeof(T));

    /// <summary>Allows <paramref name="type"/> to be pickled and unpickled in this process and in children started later.</summary>
    public static void Allow(Type type) => AllowedTypes[type] = true;

    /// <summary>True when <paramref name="type"/> may be pickled: allowed, or marked <see cref="PicklableAttribute"/>.</summary>
    public static bool IsAllowed(Type type) =>
        type.IsEnum || AllowedTypes.ContainsKey(type) || type.IsDefined(typeof(PicklableAttribute), inherit: false);

    /// <summary>CPython's <c>pickle.dumps</c>: the bytes of <paramref name="value"/> (primitives refuse unless spawning).</summary>
    public static byte[] Dumps(object? value)
    {
        var w = new PickleWriter(spawn: null);
        w.WriteValue(value);
        return w.ToArray();
    }

    /// <summary>CPython's <c>pickle.loads</c>: the value in <paramref name="data"/>.</summary>
    public static object? Loads(byte[] data) => new PickleReader(data, spawning: false).ReadValue();

    internal static IEnumerable<Type> AllowedList => AllowedTypes.Keys;
}
