using System;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// An observation point on CPython's <c>multiprocessing.resource_tracker.register</c>/<c>unregister</c>: who creates
/// and unlinks named OS objects in this process.
/// </summary>
/// <remarks>
/// The events are raised synchronously, in the process and on the thread that created or unlinked the object, right
/// after impl told its resource tracker. Arguments are the OS name (<c>/mp-1234-0a1b2c3d</c>, file
/// <c>/dev/shm/sem.mp-1234-0a1b2c3d</c>) and CPython's resource type (<c>semaphore</c>). Only named objects are
/// reported, so a handler costs nothing on the hot paths (acquire, release, queue put/get); queue channels are
/// anonymous memfds and never appear. Subscriptions are per process: a spawned child starts with none, so a program
/// that observes its children subscribes in code every child runs (e.g. a module initializer). A handler that throws
/// propagates to the caller of the constructor or <c>Dispose</c>; the object is already tracked and is still unlinked
/// at exit.
/// </remarks>
public static class NamedResources
{
    /// <summary>Raised after this process created a named OS object and registered it for cleanup: (name, type).</summary>
    public static event Action<string, string>? Registered;

    /// <summary>Raised after this process unlinked a named OS object it created and unregistered it: (name, type).</summary>
    public static event Action<string, string>? Unregistered;

    internal static void OnRegistered(string name, string type) => Registered?.Invoke(name, type);

    internal static void OnUnregistered(string name, string type) => Unregistered?.Invoke(name, type);
}
