using System;
using System.Runtime.CompilerServices;
using Conformance.Backend.CSharp.Internal;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The run's ledger of named OS objects (CONFORMANCE_OBJECTS, docs/backend-authors.md), the C# side of the CPython
/// runner's wrapped <c>resource_tracker.register</c>/<c>unregister</c>: one JSON line per semaphore this process
/// creates or unlinks, appended with ONE write(2) on an O_APPEND descriptor, so the harness can tell this run's
/// leftovers in /dev/shm from every other program's.
/// </summary>
public static class ObjectLedger
{
    /// <summary>The variable the harness sets to the run's ledger path.</summary>
    public const string Variable = "CONFORMANCE_OBJECTS";

    private static readonly JsonLinesAppender File = new(Variable, "the named-object ledger",
        "without it the harness cannot check this run for leaked semaphores");

    /// <summary>
    /// Subscribes to impl's observation point when this assembly loads: in the runner's main process and in every
    /// child, whose Main never runs (impl's startup hook runs the child, and its target lives in this assembly).
    /// </summary>
    [ModuleInitializer]
    internal static void Install()
    {
        NamedResources.Registered += (name, type) => Append("register", type, name);
        NamedResources.Unregistered += (name, type) => Append("unregister", type, name);
    }

    /// <summary>Appends <c>{"pid", "op", "kind", "name"}</c>; does nothing outside a run (no CONFORMANCE_OBJECTS).</summary>
    public static void Append(string op, string kind, string name) =>
        File.Append((w, pid) =>
        {
            w.WriteNumber("pid", pid);
            w.WriteString("op", op);
            w.WriteString("kind", kind);
            w.WriteString("name", name);
        });
}
