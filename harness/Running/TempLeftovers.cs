namespace Conformance.Harness.Running;

/// <summary>
/// What a run left in its own TMPDIR (<c>&lt;run folder&gt;/tmp</c>): CPython's <c>pymp-*</c> folders with manager
/// sockets, impl's or a backend's temporary files. Everything there is the run's; nothing outside it is looked at.
/// The entries a backend's runtime makes in every process (<see cref="Backends.BackendMarkers.RuntimeTempEntries"/>) are
/// not leftovers.
/// </summary>
internal static class TempLeftovers
{
    /// <summary>
    /// Entries under <paramref name="folder"/> (files, sockets, links, empty folders), as paths relative to its parent
    /// (<c>tmp/pymp-abc/listener-def</c>), sorted. Symlinks are listed, never followed. Entries whose name
    /// <paramref name="runtimeEntry"/> accepts are left out, such as the .NET runtime's own diagnostics endpoints
    /// (<see cref="Backends.BackendMarkers.DotNetRuntimeEndpoints"/>): every .NET process makes them and only a
    /// SIGKILL (the harness's timeout) or a path too long for sun_path (then the runtime binds a truncated name and
    /// cannot unlink it) leaves them, so they say nothing about the scenario or the backend.
    /// </summary>
    public static List<string> LeftIn(string folder, Func<string, bool>? runtimeEntry = null)
    {
        runtimeEntry ??= _ => false;
        var found = new List<string>();
        if (!Directory.Exists(folder))
            return found;
        var root = Path.GetDirectoryName(Path.GetFullPath(folder)) ?? "/";
        Walk(new DirectoryInfo(folder), root, top: true, runtimeEntry, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(DirectoryInfo folder, string root, bool top, Func<string, bool> runtimeEntry, List<string> found)
    {
        var any = false;
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            any = true;
            if (entry is DirectoryInfo sub && entry.LinkTarget is null)
                Walk(sub, root, top: false, runtimeEntry, found);
            else if (!runtimeEntry(entry.Name))
                found.Add(Path.GetRelativePath(root, entry.FullName));
        }
        if (!any && !top)
            found.Add(Path.GetRelativePath(root, folder.FullName) + "/");
    }

}
