using System.Text.RegularExpressions;

namespace Conformance.Harness.Running;

/// <summary>
/// What a run left in its own TMPDIR (<c>&lt;run folder&gt;/tmp</c>): CPython's <c>pymp-*</c> folders with manager
/// sockets, impl's or a backend's temporary files. Everything there is the run's; nothing outside it is looked at.
/// </summary>
internal static partial class TempLeftovers
{
    /// <summary>
    /// Entries under <paramref name="folder"/> (files, sockets, links, empty folders), as paths relative to its parent
    /// (<c>tmp/pymp-abc/listener-def</c>), sorted. Symlinks are listed, never followed. The .NET runtime's own
    /// diagnostics endpoints are left out: every .NET process makes them and only a SIGKILL (the harness's timeout)
    /// or a path too long for sun_path (then the runtime binds a truncated name and cannot unlink it) leaves them, so
    /// they say nothing about the scenario or the backend.
    /// </summary>
    public static List<string> LeftIn(string folder)
    {
        var found = new List<string>();
        if (!Directory.Exists(folder))
            return found;
        var root = Path.GetDirectoryName(Path.GetFullPath(folder)) ?? "/";
        Walk(new DirectoryInfo(folder), root, top: true, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(DirectoryInfo folder, string root, bool top, List<string> found)
    {
        var any = false;
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            any = true;
            if (entry is DirectoryInfo sub && entry.LinkTarget is null)
                Walk(sub, root, top: false, found);
            else if (!RuntimeEndpoint().IsMatch(entry.Name))
                found.Add(Path.GetRelativePath(root, entry.FullName));
        }
        if (!any && !top)
            found.Add(Path.GetRelativePath(root, folder.FullName) + "/");
    }

    [GeneratedRegex(@"^(dotnet-diagnostic|clr-debug-pipe)-\d+-")]
    private static partial Regex RuntimeEndpoint();
}
