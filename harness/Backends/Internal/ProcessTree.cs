using System.Runtime.InteropServices;
using System.Text;

namespace Conformance.Harness.Backends.Internal;

/// <summary>Finds and kills every descendant of a process, so a timed-out or finished run leaves nothing behind.</summary>
internal static partial class ProcessTree
{
    private const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>The live descendants of <paramref name="root"/>, read from /proc (children before they are orphaned).</summary>
    public static HashSet<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ParentOf(pid) is not { } ppid)
                continue;
            parents[pid] = ppid;
        }
        var found = new HashSet<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var p))
        {
            foreach (var (child, parent) in parents)
            {
                if (parent == p && found.Add(child))
                    frontier.Enqueue(child);
            }
        }
        return found;
    }

    /// <summary>
    /// SIGKILLs the root, its descendants and <paramref name="also"/> until no new descendant appears, sparing the
    /// processes <paramref name="spare"/> accepts (a backend's resource trackers, <see cref="BackendMarkers.Helpers"/>).
    /// </summary>
    public static IReadOnlyCollection<int> KillAll(int root, IEnumerable<int> also, Func<int, bool>? spare = null)
    {
        var killed = new HashSet<int>();
        var spared = new HashSet<int>();
        var targets = new HashSet<int>(also) { root };
        // A process may spawn between the scan and the kill: scan again until the tree is empty.
        for (var round = 0; round < 10; round++)
        {
            targets.UnionWith(Descendants(root));
            foreach (var pid in killed)
                targets.UnionWith(Descendants(pid));
            targets.ExceptWith(killed);
            targets.ExceptWith(spared);
            targets.RemoveWhere(pid => !IsAlive(pid));
            if (spare is not null)
            {
                foreach (var tracker in targets.Where(spare).ToList())
                {
                    spared.Add(tracker);
                    targets.Remove(tracker);
                }
            }
            if (targets.Count == 0)
                break;
            foreach (var pid in targets)
            {
                _ = Kill(pid, SigKill);
                killed.Add(pid);
            }
        }
        return killed;
    }

    /// <summary>Live processes whose environment holds <paramref name="variable"/>=<paramref name="value"/> (a run's marker, inherited by all its children).</summary>
    public static HashSet<int> WithEnvironment(string variable, string value)
    {
        var needle = Encoding.UTF8.GetBytes($"{variable}={value}\0");
        var self = Environment.ProcessId;
        var found = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self)
                continue;
            try
            {
                var environ = File.ReadAllBytes($"{dir}/environ");
                if (environ.AsSpan().IndexOf(needle) >= 0 && IsAlive(pid))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already, or not ours to read.
            }
        }
        return found;
    }

    /// <summary>Whether <paramref name="pid"/> is a running (not zombie) process.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The resident pages of <paramref name="pid"/> that are not file-backed or shared (statm's resident minus shared),
    /// in bytes; 0 for a process that is gone.
    /// </summary>
    public static long PrivateResidentBytes(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return (long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)
                - long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture)) * Environment.SystemPageSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary><c>pid (command line)</c>, for messages about a process that should not be there.</summary>
    public static string Describe(int pid)
    {
        var cmdline = CommandLine(pid, 120);
        var number = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return cmdline.Length == 0 ? number : $"{number} ({cmdline})";
    }

    /// <summary>The command line of <paramref name="pid"/>, at most <paramref name="length"/> characters; "" when it is gone.</summary>
    public static string CommandLine(int pid, int length)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return cmdline.Length > length ? cmdline[..length] + "…" : cmdline;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // The command name may contain spaces and parentheses: fields resume after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
