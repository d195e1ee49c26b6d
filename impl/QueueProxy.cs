using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>AutoProxy[Queue]</c> (<c>Manager().Queue()</c>, <c>JoinableQueue()</c>): a queue.Queue in the server;
/// <c>type(q).__name__</c> is <c>AutoProxy[Queue]</c> as in CPython.
/// </summary>
public sealed class QueueProxy : BaseProxy
{
    internal QueueProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "AutoProxy[" + token.Typeid + "]", isAuto: true, incref, managerOwned)
    {
    }

    /// <summary><c>put(item, block=True, timeout=None)</c> (queue.Full).</summary>
    public void Put(object? item, bool block = true, double? timeout = null) => CallMethod("put", A(item, block, timeout));

    /// <summary><c>put_nowait(item)</c>.</summary>
    public void PutNowait(object? item) => CallMethod("put_nowait", A(item));

    /// <summary><c>get(block=True, timeout=None)</c> (queue.Empty).</summary>
    public object? Get(bool block = true, double? timeout = null) => CallMethod("get", A(block, timeout));

    /// <summary><c>get_nowait()</c>.</summary>
    public object? GetNowait() => CallMethod("get_nowait");

    /// <summary><c>qsize()</c>.</summary>
    public int QSize() => (int)PyOps.AsLong(CallMethod("qsize"));

    /// <summary><c>empty()</c>.</summary>
    public bool Empty() => PyOps.Truthy(CallMethod("empty"));

    /// <summary><c>full()</c>.</summary>
    public bool Full() => PyOps.Truthy(CallMethod("full"));

    /// <summary><c>task_done()</c> (ValueError when called more often than put).</summary>
    public void TaskDone() => CallMethod("task_done");

    /// <summary><c>join()</c>: until every item put has been marked done.</summary>
    public void Join() => CallMethod("join");
}
