using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.managers.SyncManager</c> (what <see cref="Mp.Manager"/> starts): dict, list,
/// Namespace, Queue, JoinableQueue, Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier, Value and Array held by the server
/// (the primitives are thread-level ones inside it, as CPython's are).
/// </summary>
public class SyncManager : BaseManager
{
    /// <summary>CPython's <c>SyncManager(address=None, authkey=None)</c>; see <see cref="BaseManager"/>.</summary>
    public SyncManager(object? address = null, byte[]? authkey = null, double shutdownTimeout = 1.0) : base(address, authkey, shutdownTimeout)
    {
        RegisterBuiltin("Queue", "AutoProxy");
        RegisterBuiltin("JoinableQueue", "AutoProxy");
        RegisterBuiltin("Event", "EventProxy");
        RegisterBuiltin("Lock", "AcquirerProxy");
        RegisterBuiltin("RLock", "AcquirerProxy");
        RegisterBuiltin("Semaphore", "AcquirerProxy");
        RegisterBuiltin("BoundedSemaphore", "AcquirerProxy");
        RegisterBuiltin("Condition", "ConditionProxy");
        RegisterBuiltin("list", "ListProxy");
        Register("dict", null, "DictProxy", methodToTypeid: new Dictionary<string, string> { ["__iter__"] = "Iterator" });
        Register("Iterator", null, "IteratorProxy", createMethod: false); // what a DictProxy's __iter__ returns
        RegisterBuiltin("Namespace", "NamespaceProxy");
        RegisterBuiltin("Barrier", "BarrierProxy");
        RegisterBuiltin("Value", "ValueProxy");
        RegisterBuiltin("Array", "ArrayProxy");
    }

    /// <summary><c>manager.dict(mapping=(), **kwargs)</c>.</summary>
    public DictProxy Dict(object? mapping = null, PyDict? kwargs = null) => (DictProxy)Create("dict", mapping is null ? null : [mapping], kwargs);

    /// <summary><c>manager.list(iterable=())</c>.</summary>
    public ListProxy List(object? items = null) => (ListProxy)Create("list", items is null ? null : [items]);

    /// <summary><c>manager.Namespace(**kwargs)</c>.</summary>
    public NamespaceProxy Namespace(PyDict? kwargs = null) => (NamespaceProxy)Create("Namespace", null, kwargs);

    /// <summary><c>manager.Queue(maxsize=0)</c>.</summary>
    public QueueProxy Queue(long maxsize = 0) => (QueueProxy)Create("Queue", [maxsize]);

    /// <summary><c>manager.JoinableQueue(maxsize=0)</c>.</summary>
    public QueueProxy JoinableQueue(long maxsize = 0) => (QueueProxy)Create("JoinableQueue", [maxsize]);

    /// <summary><c>manager.Lock()</c>.</summary>
    public AcquirerProxy Lock() => (AcquirerProxy)Create("Lock");

    /// <summary><c>manager.RLock()</c>.</summary>
    public AcquirerProxy RLock() => (AcquirerProxy)Create("RLock");

    /// <summary><c>manager.Semaphore(value=1)</c>.</summary>
    public AcquirerProxy Semaphore(long value = 1) => (AcquirerProxy)Create("Semaphore", [value]);

    /// <summary><c>manager.BoundedSemaphore(value=1)</c>.</summary>
    public AcquirerProxy BoundedSemaphore(long value = 1) => (AcquirerProxy)Create("BoundedSemaphore", [value]);

    /// <summary><c>manager.Condition()</c> (on a new RLock in the server).</summary>
    public ConditionProxy Condition() => (ConditionProxy)Create("Condition");

    /// <summary><c>manager.Event()</c>.</summary>
    public EventProxy Event() => (EventProxy)Create("Event");

    /// <summary><c>manager.Barrier(parties, action=None, timeout=None)</c>: a threading.Barrier in the server (an action cannot cross the connection).</summary>
    public BarrierProxy Barrier(long parties, double? timeout = null) => (BarrierProxy)Create("Barrier", [parties, null, timeout]);

    /// <summary><c>manager.Value(typecode, value)</c>: managers.Value in the server, a plain holder (not shared memory; the typecode is not checked).</summary>
    public ValueProxy Value(object? typecode, object? value) => (ValueProxy)Create("Value", [typecode, value]);

    /// <summary><c>manager.Array(typecode, sequence)</c>: an array.array in the server (its range checks and error texts).</summary>
    public ArrayProxy Array(string typecode, object? sequence) => (ArrayProxy)Create("Array", [typecode, sequence]);
}
