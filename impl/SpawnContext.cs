using System;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.context.SpawnContext</c>, what <c>get_context('spawn')</c> returns: the same
/// primitives as the module, made for the spawn start method (the only one this library has).
/// </summary>
public sealed class SpawnContext : Python.IPyObject
{
    internal static readonly SpawnContext Instance = new();

    private SpawnContext() { }

    /// <summary>CPython's <c>ctx.get_start_method()</c>: 'spawn'.</summary>
    public string GetStartMethod() => "spawn";

    /// <summary>CPython's <c>ctx.Process(...)</c>: a <c>SpawnProcess</c>, named <c>SpawnProcess-N</c> by default.</summary>
    public Process Process(Delegate? target = null, object?[]? args = null, string? name = null, bool? daemon = null) =>
        Multiprocessing.Process.OfContextClass("SpawnProcess", target, args, name, daemon);

    /// <summary>CPython's <c>ctx.Queue(maxsize)</c>.</summary>
    public Queue Queue(int maxsize = 0) => new(maxsize);

    /// <summary>CPython's <c>ctx.SimpleQueue()</c>.</summary>
    public SimpleQueue SimpleQueue() => new();

    /// <summary>CPython's <c>ctx.Lock()</c>.</summary>
    public Lock Lock() => new();

    /// <summary>CPython's <c>ctx.RLock()</c>.</summary>
    public RLock RLock() => new();

    /// <summary>CPython's <c>ctx.Event()</c>.</summary>
    public Event Event() => new();

    /// <summary>CPython's <c>ctx.Barrier(parties, action, timeout)</c>.</summary>
    public Barrier Barrier(int parties, Delegate? action = null, double? timeout = null) => new(parties, action, timeout);

    /// <summary>CPython's <c>ctx.Value(typecode, value, lock)</c>.</summary>
    public SharedValue Value(string typecode, object? value = null, object? @lock = null) => Mp.Value(typecode, value, @lock);

    /// <summary>CPython's <c>ctx.Array(typecode, size_or_initializer, lock)</c>.</summary>
    public SharedArray Array(string typecode, object sizeOrInitializer, object? @lock = null) => Mp.Array(typecode, sizeOrInitializer, @lock);

    /// <summary>CPython's <c>ctx.Pipe(duplex)</c>.</summary>
    public (Connection, Connection) Pipe(bool duplex = true) => Mp.Pipe(duplex);

    string Python.IPyObject.PyRepr() => ToString();

    /// <summary>CPython's repr, <c>&lt;multiprocessing.context.SpawnContext object at 0x...&gt;</c>.</summary>
    public override string ToString() => $"<multiprocessing.context.SpawnContext object at {Python.PyRepr.Address(this)}>";
}
