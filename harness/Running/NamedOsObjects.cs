using System.Text.RegularExpressions;

namespace Conformance.Harness.Running;

/// <summary>The named OS objects (POSIX semaphores, shared memory) in <c>/dev/shm</c> that a run may leave behind.</summary>
internal static partial class NamedOsObjects
{
    private const string Folder = "/dev/shm";

    /// <summary>The entries there now.</summary>
    public static HashSet<string> Snapshot() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFileSystemEntries(Folder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>
    /// Entries that appeared since <paramref name="before"/> and are the run's: CPython's <c>sem.mp-xxxxxxxx</c>
    /// (runs are sequential, and only CPython runs make these), or impl's <c>sem.mp-PID-…</c> for a pid of the run.
    /// Other processes' entries (tests running beside the suite) are left alone.
    /// </summary>
    public static List<string> LeftBy(HashSet<string> before, IReadOnlySet<int> runPids) =>
        Snapshot().Where(name => !before.Contains(name) && IsTheRuns(name, runPids)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Unlinks <paramref name="names"/>, so one leaking run does not disturb the next.</summary>
    public static void Remove(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                File.Delete(Path.Combine(Folder, name));
            }
            catch (IOException)
            {
                // Already gone.
            }
        }
    }

    private static bool IsTheRuns(string name, IReadOnlySet<int> runPids)
    {
        if (CPythonName().IsMatch(name))
            return true;
        var impl = ImplName().Match(name);
        return impl.Success && int.TryParse(impl.Groups["pid"].ValueSpan, out var pid) && runPids.Contains(pid);
    }

    [GeneratedRegex(@"^sem\.mp-[a-z0-9_]{8}$")]
    private static partial Regex CPythonName();

    [GeneratedRegex(@"^(sem\.)?mp-(?<pid>\d+)-")]
    private static partial Regex ImplName();
}
