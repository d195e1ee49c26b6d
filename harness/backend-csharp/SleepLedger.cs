using Conformance.Backend.CSharp.Internal;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The run's ledger of the scenario's own sleeps (CONFORMANCE_SLEEPS, docs/backend-authors.md), the C# side of the
/// CPython runner's: one JSON line per <c>sleep</c> step once slept, so the harness can tell a run's overhead (its wall
/// time minus its sleeps) from the time the scenario asked for.
/// </summary>
public static class SleepLedger
{
    /// <summary>The variable the harness sets to the run's sleeps ledger path.</summary>
    public const string Variable = "CONFORMANCE_SLEEPS";

    private static readonly JsonLinesAppender File = new(Variable, "the sleeps ledger",
        "without it the harness cannot tell the run's overhead from the scenario's sleeps");

    /// <summary>Appends <c>{"pid", "seconds"}</c>; does nothing outside a run (no CONFORMANCE_SLEEPS).</summary>
    public static void Slept(double seconds) =>
        File.Append((w, pid) =>
        {
            w.WriteNumber("pid", pid);
            w.WriteNumber("seconds", seconds);
        });
}
