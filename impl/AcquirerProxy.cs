using System;
using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>AcquirerProxy</c>: a manager's Lock, RLock, Semaphore or BoundedSemaphore (a thread-level primitive in the server).</summary>
public class AcquirerProxy : BaseProxy
{
    internal AcquirerProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, string proxyTypeName, bool incref, bool managerOwned)
        : base(token, authkey, exposed, proxyTypeName, isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>acquire(blocking=True, timeout=None)</c>: sends <c>(blocking,)</c> or <c>(blocking, timeout)</c> as CPython's proxy does.</summary>
    public bool Acquire(bool block = true, double? timeout = null) =>
        PyOps.Truthy(CallMethod("acquire", timeout is null ? A(block) : A(block, timeout.Value)));

    /// <summary><c>release()</c>.</summary>
    public void Release() => CallMethod("release");

    /// <summary><c>with proxy:</c> acquires now and releases on Dispose.</summary>
    public IDisposable Enter()
    {
        CallMethod("acquire");
        return new Releaser(this);
    }

    private sealed class Releaser(AcquirerProxy owner) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            owner.Release();
        }
    }
}
