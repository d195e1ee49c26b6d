using System;
using System.Collections.Generic;
using System.Diagnostics;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>ConditionProxy</c>: a manager's Condition (threading.Condition in the server).</summary>
public sealed class ConditionProxy : AcquirerProxy
{
    internal ConditionProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "ConditionProxy", incref, managerOwned)
    {
    }

    /// <summary><c>wait(timeout=None)</c>.</summary>
    public bool Wait(double? timeout = null) => PyOps.Truthy(CallMethod("wait", A(timeout)));

    /// <summary><c>notify(n=1)</c>.</summary>
    public void Notify(int n = 1) => CallMethod("notify", A((long)n));

    /// <summary><c>notify_all()</c>.</summary>
    public void NotifyAll() => CallMethod("notify_all");

    /// <summary><c>wait_for(predicate, timeout=None)</c>, evaluated here as CPython's proxy does.</summary>
    public object? WaitFor(Func<object?> predicate, double? timeout = null)
    {
        var result = predicate();
        var end = timeout is null ? (long?)null : Stopwatch.GetTimestamp() + (long)(timeout.Value * Stopwatch.Frequency);
        while (!PyOps.Truthy(result))
        {
            double? wait = null;
            if (end is not null)
            {
                wait = (end.Value - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
                if (wait <= 0) break;
            }
            Wait(wait);
            result = predicate();
        }
        return result;
    }
}
