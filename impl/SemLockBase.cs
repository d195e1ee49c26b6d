using System;
using System.Threading;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.synchronize.SemLock</c>: the base of Lock, RLock, Semaphore and BoundedSemaphore.</summary>
public abstract class SemLockBase : IShareable, IDisposable
{
    private protected SemLockBase(SemLock semLock) => SemLock = semLock;

    internal SemLock SemLock { get; }

    /// <summary>The OS name of the semaphore (CPython's <c>_semlock.name</c>), e.g. <c>/mp-1234-9f3a01bc</c>.</summary>
    public string Name => SemLock.Name;

    /// <summary>CPython's <c>acquire(block=True, timeout=None)</c>: true when acquired; negative timeouts act as 0.</summary>
    public bool Acquire(bool block = true, double? timeout = null) => SemLock.Acquire(block, timeout);

    /// <summary>CPython's <c>release()</c>.</summary>
    public void Release() => SemLock.Release();

    /// <summary>CPython's <c>with lock:</c> — acquires now and releases when the returned scope is disposed.</summary>
    public Scope Enter()
    {
        Acquire();
        return new Scope(this);
    }

    /// <summary>Unlinks the OS name if this process created it (CPython's finalizer); open handles keep working.</summary>
    public void Dispose()
    {
        SemLock.Unlink();
        GC.SuppressFinalize(this);
    }

    string IShareable.ShareKind => GetType().Name;

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteInt((int)SemLock.Kind);
        writer.WriteInt(SemLock.MaxValue);
        writer.WriteString(SemLock.Name);
    }

    internal static string CurrentOwnerName()
    {
        var name = Mp.CurrentProcess().Name;
        var t = Thread.CurrentThread;
        if (t.ManagedThreadId != Mp.MainThreadId) name += "|" + (t.Name ?? $"Thread-{t.ManagedThreadId}");
        return name;
    }

    /// <summary>The disposable returned by <see cref="Enter"/>; releases on dispose (the end of a <c>with</c> block).</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly SemLockBase _owner;

        internal Scope(SemLockBase owner) => _owner = owner;

        /// <summary>Always true, like CPython's <c>with lock as v</c>.</summary>
        public bool Value => true;

        /// <summary>Releases the lock (CPython's <c>__exit__</c>).</summary>
        public void Dispose() => _owner.Release();
    }
}
