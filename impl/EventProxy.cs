using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>EventProxy</c>: a manager's Event (threading.Event in the server).</summary>
public sealed class EventProxy : BaseProxy
{
    internal EventProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "EventProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>is_set()</c>.</summary>
    public bool IsSet() => PyOps.Truthy(CallMethod("is_set"));

    /// <summary><c>set()</c>.</summary>
    public void Set() => CallMethod("set");

    /// <summary><c>clear()</c>.</summary>
    public void Clear() => CallMethod("clear");

    /// <summary><c>wait(timeout=None)</c>.</summary>
    public bool Wait(double? timeout = null) => PyOps.Truthy(CallMethod("wait", A(timeout)));
}
