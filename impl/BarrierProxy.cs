using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>BarrierProxy</c> (<c>Manager().Barrier(parties)</c>): a threading.Barrier in the server.</summary>
public sealed class BarrierProxy : BaseProxy
{
    internal BarrierProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "BarrierProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>wait(timeout=None)</c>: the arrival index, 0 to parties-1; BrokenBarrierError when broken, aborted, reset or timed out.</summary>
    public long Wait(double? timeout = null) => PyOps.AsLong(CallMethod("wait", A(timeout)));

    /// <summary><c>abort()</c>: breaks the barrier.</summary>
    public void Abort() => CallMethod("abort");

    /// <summary><c>reset()</c>.</summary>
    public void Reset() => CallMethod("reset");

    /// <summary><c>parties</c>.</summary>
    public long Parties => PyOps.AsLong(CallMethod("__getattribute__", A("parties")));

    /// <summary><c>n_waiting</c>.</summary>
    public long NWaiting => PyOps.AsLong(CallMethod("__getattribute__", A("n_waiting")));

    /// <summary><c>broken</c>.</summary>
    public bool Broken => PyOps.Truthy(CallMethod("__getattribute__", A("broken")));
}
