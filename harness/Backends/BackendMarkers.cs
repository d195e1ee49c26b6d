using System.Text.RegularExpressions;

namespace Conformance.Harness.Backends;

/// <summary>
/// What the harness must know of a backend's own machinery to tell it from the scenario's, declared by the backend
/// (<see cref="IBackend.Markers"/>, docs/backend-authors.md) instead of hard-coded in the harness: the helper processes
/// a stopped run spares, the names of the named OS objects its processes create, and the entries its runtime leaves in
/// a run's TMPDIR that say nothing about the scenario.
/// </summary>
public sealed record BackendMarkers
{
    /// <summary>Declares nothing: every process is killed with the run, no leftover object is removed, every TMPDIR entry is a leftover.</summary>
    public static BackendMarkers None { get; } = new();

    /// <summary>
    /// Helper processes (a resource tracker) that unlink the run's named objects once the other processes are gone:
    /// a stopped run's tree is killed around them, and they are given a bounded grace to finish, as when a real
    /// program is killed.
    /// </summary>
    public IReadOnlyList<HelperProcess> Helpers { get; init; } = [];

    /// <summary>
    /// The names (as written in the ledger, <c>/mp-x</c>) of the named OS objects the backend's processes create. A
    /// leftover the ledger names is reported whatever its name; the harness unlinks only those matching one of these.
    /// </summary>
    public IReadOnlyList<Regex> ObjectNames { get; init; } = [];

    /// <summary>TMPDIR entry names the backend's runtime makes in every process and may leave behind (not leftovers).</summary>
    public IReadOnlyList<Regex> RuntimeTempEntries { get; init; } = [];

    /// <summary>The .NET runtime's diagnostics endpoints (<c>dotnet-diagnostic-PID-…</c>, <c>clr-debug-pipe-PID-…</c>): every .NET process makes them.</summary>
    public static Regex DotNetRuntimeEndpoints { get; } = new(@"^(dotnet-diagnostic|clr-debug-pipe)-\d+-", RegexOptions.CultureInvariant);

    /// <summary>The helper <paramref name="pid"/> is, or null when it is none of <see cref="Helpers"/> (or gone).</summary>
    public HelperProcess? HelperOf(int pid) => Helpers.FirstOrDefault(h => h.Is(pid));

    /// <summary>Whether <paramref name="ledgerName"/> is the name of one of the backend's own objects.</summary>
    public bool IsOwnObject(string ledgerName) => ObjectNames.Any(r => r.IsMatch(ledgerName));

    /// <summary>Whether the TMPDIR entry <paramref name="entryName"/> is the runtime's, not a leftover.</summary>
    public bool IsRuntimeTempEntry(string entryName) => RuntimeTempEntries.Any(r => r.IsMatch(entryName));
}

/// <summary>
/// A helper process of a backend, known by its command line or by an entry of its environment (either suffices).
/// </summary>
/// <param name="Role">What reports call it: <c>resource tracker</c>.</param>
/// <param name="CommandLineContains">A text its <c>/proc/PID/cmdline</c> contains (arguments joined by NUL), or null.</param>
/// <param name="EnvironmentEntry">A <c>NAME=value</c> entry of its <c>/proc/PID/environ</c>, or null.</param>
public sealed record HelperProcess(string Role, string? CommandLineContains = null, string? EnvironmentEntry = null)
{
    /// <summary>Whether the live process <paramref name="pid"/> is this helper; false when it is gone or not ours to read.</summary>
    public bool Is(int pid)
    {
        try
        {
            if (CommandLineContains is { } text && File.ReadAllText($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal))
                return true;
            if (EnvironmentEntry is not { } entry)
                return false;
            var environ = File.ReadAllText($"/proc/{pid}/environ");
            return environ.StartsWith(entry + "\0", StringComparison.Ordinal) || environ.Contains("\0" + entry + "\0", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
