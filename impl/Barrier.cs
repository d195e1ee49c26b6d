using System;
using System.Reflection;
using System.Threading;
using Multiprocessing.Internal;
using Multiprocessing.Internal.Shared;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.Barrier(parties, action=None, timeout=None)</c>: threading.Barrier's algorithm on a
/// process-shared <see cref="Condition"/> with its state and count in shared memory (synchronize.py's BufferWrapper).
/// </summary>
public sealed unsafe class Barrier : IShareable, Python.IPyObject
{
    // threading.Barrier's states: 0 filling, 1 draining, -1 resetting, -2 broken.
    private const int Filling = 0, Draining = 1, Resetting = -1, Broken_ = -2;

    private readonly Condition _cond;
    private readonly SharedMemory _memory;
    private readonly int _parties;
    private readonly double? _timeout;
    private readonly MethodInfo? _action;
    private readonly object? _actionTarget;
    private readonly object?[] _actionArgs;

    /// <summary>
    /// Creates a barrier for <paramref name="parties"/> processes. <paramref name="action"/> (a static method or a
    /// lambda that captures nothing, called with <paramref name="actionArgs"/>) runs in exactly one of them, the last
    /// to arrive, before any is released; <paramref name="timeout"/> is the default for <see cref="Wait"/>.
    /// </summary>
    public Barrier(int parties, Delegate? action = null, double? timeout = null, object?[]? actionArgs = null)
    {
        if (action is not null) StaticDelegate.Check(action, "a Barrier action");
        _cond = new Condition();
        _memory = SharedMemory.Create(8);
        _parties = parties;
        _timeout = timeout;
        _action = action?.Method;
        _actionTarget = action?.Target;
        _actionArgs = actionArgs ?? [];
    }

    private Barrier(Condition cond, SharedMemory memory, int parties, double? timeout, MethodInfo? action, object? target, object?[] args)
    {
        _cond = cond;
        _memory = memory;
        _parties = parties;
        _timeout = timeout;
        _action = action;
        _actionTarget = target;
        _actionArgs = args;
    }

    // Read and written only while holding the condition's lock, which orders them across processes.
    private ref int State => ref *(int*)_memory.Pointer;
    private ref int Count => ref *(int*)(_memory.Pointer + 4);

    /// <summary>CPython's <c>parties</c>.</summary>
    public int Parties => _parties;

    /// <summary>CPython's <c>n_waiting</c>: the processes waiting now (0 while draining or broken).</summary>
    public int NWaiting
    {
        get
        {
            using (_cond.Enter()) return Volatile.Read(ref State) == Filling ? Volatile.Read(ref Count) : 0;
        }
    }

    /// <summary>CPython's <c>broken</c>.</summary>
    public bool Broken
    {
        get
        {
            using (_cond.Enter()) return Volatile.Read(ref State) == Broken_;
        }
    }

    /// <summary>
    /// CPython's <c>wait(timeout=None)</c>: blocks until <see cref="Parties"/> processes wait, and returns this
    /// one's arrival index (0 for the first). A timeout breaks the barrier; a broken or aborted barrier raises
    /// <see cref="BrokenBarrierError"/> in every waiter.
    /// </summary>
    public int Wait(double? timeout = null)
    {
        timeout ??= _timeout;
        using (_cond.Enter())
        {
            Enter();
            var index = Count;
            Count = index + 1;
            try
            {
                if (index + 1 == _parties) ReleaseAll();
                else WaitReleased(timeout);
                return index;
            }
            finally
            {
                Count--;
                Exit();
            }
        }
    }

    private void Enter()
    {
        // Wait while the barrier drains or resets, as threading.Barrier._enter.
        while (State is Draining or Resetting) _cond.Wait();
        if (State < 0) throw new BrokenBarrierError();
    }

    private void ReleaseAll()
    {
        try
        {
            _action?.Invoke(_actionTarget, BindingFlags.DoNotWrapExceptions, null, _actionArgs, null);
            State = Draining;
            _cond.NotifyAll();
        }
        catch
        {
            Break();
            throw;
        }
    }

    private void WaitReleased(double? timeout)
    {
        if (!_cond.WaitFor(() => State != Filling, timeout))
        {
            Break();
            throw new BrokenBarrierError();
        }
        if (State < 0) throw new BrokenBarrierError();
    }

    private void Exit()
    {
        if (Count == 0 && State is Resetting or Draining)
        {
            State = Filling;
            _cond.NotifyAll();
        }
    }

    /// <summary>CPython's <c>reset()</c>: back to empty; processes waiting now get <see cref="BrokenBarrierError"/>.</summary>
    public void Reset()
    {
        using (_cond.Enter())
        {
            if (Count > 0)
            {
                if (State is Filling or Broken_) State = Resetting;
            }
            else
            {
                State = Filling;
            }
            _cond.NotifyAll();
        }
    }

    /// <summary>CPython's <c>abort()</c>: breaks the barrier; current and later waits raise until <see cref="Reset"/>.</summary>
    public void Abort()
    {
        using (_cond.Enter()) Break();
    }

    private void Break()
    {
        State = Broken_;
        _cond.NotifyAll();
    }

    /// <summary>CPython's repr, <c>&lt;multiprocessing.synchronize.Barrier at 0x...: waiters=0/2&gt;</c>.</summary>
    public override string ToString() =>
        $"<multiprocessing.synchronize.Barrier at {Python.PyRepr.Address(this)}: waiters={NWaiting}/{_parties}>";

    string Python.IPyObject.PyRepr() => ToString();

    string Python.IPyObject.PyTypeName => "Barrier";

    string IShareable.ShareKind => "Barrier";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteValue(_cond);
        writer.WriteString(_memory.Name);
        writer.WriteInt(_parties);
        writer.WriteValue(_timeout);
        writer.WriteBool(_action is not null);
        if (_action is not null)
        {
            StaticDelegate.Write(writer, _action, _actionTarget);
            writer.WriteValue(_actionArgs);
        }
    }

    internal static Barrier Rebuild(PickleReader r)
    {
        var cond = (Condition)r.ReadValue()!;
        var memory = SharedMemory.Open(r.ReadString(), 8);
        var parties = r.ReadInt();
        var timeout = (double?)r.ReadValue();
        MethodInfo? action = null;
        object? target = null;
        object?[] args = [];
        if (r.ReadBool())
        {
            (action, target) = StaticDelegate.Read(r);
            args = (object?[])r.ReadValue()!;
        }
        return new Barrier(cond, memory, parties, timeout, action, target, args);
    }
}
