using System.Text;

namespace Conformance.Harness.Snapshots;

/// <summary>Verified and received snapshot files under an expected root, named as Verify names them.</summary>
/// <remarks>
/// <c>&lt;id&gt;.verified.txt</c> is the accepted CPython output. A mismatching run writes <c>&lt;id&gt;.received.txt</c>
/// (CPython backends) or <c>&lt;id&gt;.&lt;backend&gt;.received.txt</c> (others), so only CPython output can be accepted.
/// Scenario file names are kebab-case without dots, which is what tells the two received forms apart.
/// </remarks>
public static class SnapshotStore
{
    private const string VerifiedSuffix = ".verified.txt";
    private const string ReceivedSuffix = ".received.txt";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The verified file of a scenario id (ids use '/').</summary>
    public static string VerifiedPath(string expectedRoot, string id) => Path.Combine(expectedRoot, id + VerifiedSuffix);

    /// <summary>The received file a backend writes for a scenario id.</summary>
    /// <param name="expectedRoot">The expected folder.</param>
    /// <param name="id">The scenario id.</param>
    /// <param name="backend">The backend's name (<c>cpython-3.11.7</c>, <c>csharp</c>).</param>
    /// <param name="reference">Whether the backend is the reference whose output <c>accept</c> promotes; null: any CPython is.
    /// A CPython of the version matrix other than the first is not, and writes <c>&lt;id&gt;.cpython-3.13.0.received.txt</c>.</param>
    public static string ReceivedPath(string expectedRoot, string id, string backend, bool? reference = null) =>
        Path.Combine(expectedRoot, reference ?? IsCPython(backend) ? id + ReceivedSuffix : $"{id}.{backend}{ReceivedSuffix}");

    /// <summary>Compares <paramref name="text"/> with the verified snapshot, writing or deleting the backend's received file.</summary>
    public static SnapshotComparison Compare(string expectedRoot, string id, string backend, string text, bool? reference = null)
    {
        var verifiedPath = VerifiedPath(expectedRoot, id);
        var receivedPath = ReceivedPath(expectedRoot, id, backend, reference);
        var received = Normalise(text);
        if (File.Exists(verifiedPath))
        {
            var verified = Normalise(File.ReadAllText(verifiedPath, Utf8));
            if (verified == received)
            {
                File.Delete(receivedPath);
                return new SnapshotComparison(SnapshotStatus.Matched, verifiedPath, receivedPath, "");
            }
            Write(receivedPath, received);
            return new SnapshotComparison(SnapshotStatus.Mismatch, verifiedPath, receivedPath, UnifiedDiff.Create(verified, received));
        }
        Write(receivedPath, received);
        return new SnapshotComparison(SnapshotStatus.Missing, verifiedPath, receivedPath, UnifiedDiff.Create("", received));
    }

    /// <summary>Turns every CPython received file under <paramref name="expectedRoot"/> into the verified one; refuses the others.</summary>
    public static SnapshotAcceptance Accept(string expectedRoot)
    {
        var accepted = new List<string>();
        var refused = new List<string>();
        if (!Directory.Exists(expectedRoot))
            return new SnapshotAcceptance(accepted, refused);
        foreach (var received in Directory.EnumerateFiles(expectedRoot, "*" + ReceivedSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(received)[..^ReceivedSuffix.Length];
            var id = Path.GetRelativePath(expectedRoot, Path.Combine(Path.GetDirectoryName(received)!, name)).Replace('\\', '/');
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                refused.Add($"{received}: not accepted: it was received from the '{name[(dot + 1)..]}' backend, and verified " +
                            "snapshots come from CPython only; fix the backend (or the scenario) until it matches CPython's output");
                continue;
            }
            File.Move(received, VerifiedPath(expectedRoot, id), overwrite: true);
            accepted.Add(id);
        }
        return new SnapshotAcceptance(accepted, refused);
    }

    /// <summary>
    /// The verified snapshots under <paramref name="expectedRoot"/> whose scenario id is not one of <paramref name="ids"/>
    /// (its file was renamed or deleted), as full paths in id order: Verify's dangling-snapshot check.
    /// </summary>
    public static IReadOnlyList<string> Dangling(string expectedRoot, IReadOnlySet<string> ids)
    {
        if (!Directory.Exists(expectedRoot))
            return [];
        return
        [
            .. Directory.EnumerateFiles(expectedRoot, "*" + VerifiedSuffix, SearchOption.AllDirectories)
                .Where(f => !ids.Contains(IdOfSnapshot(expectedRoot, f, VerifiedSuffix)))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>Deletes the <see cref="Dangling"/> verified snapshots and any received file of the same ids; returns the deleted paths.</summary>
    public static IReadOnlyList<string> Prune(string expectedRoot, IReadOnlySet<string> ids)
    {
        var deleted = new List<string>(Dangling(expectedRoot, ids));
        if (Directory.Exists(expectedRoot))
        {
            deleted.AddRange(Directory.EnumerateFiles(expectedRoot, "*" + ReceivedSuffix, SearchOption.AllDirectories)
                .Where(f => !ids.Contains(IdOfSnapshot(expectedRoot, f, ReceivedSuffix)))
                .Order(StringComparer.Ordinal));
        }
        foreach (var file in deleted)
            File.Delete(file);
        return deleted;
    }

    /// <summary>The scenario id of a snapshot file: its path without the suffix and any <c>.backend</c> part (ids have no dots).</summary>
    private static string IdOfSnapshot(string expectedRoot, string file, string suffix)
    {
        var name = Path.GetFileName(file)[..^suffix.Length];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var id = dot >= 0 ? name[..dot] : name;
        return Path.GetRelativePath(expectedRoot, Path.Combine(Path.GetDirectoryName(file)!, id)).Replace(Path.DirectorySeparatorChar, '/');
    }

    private static bool IsCPython(string backend) => backend.StartsWith("cpython", StringComparison.Ordinal);

    /// <summary>Editors and git may add a BOM or CRLF; neither is a difference in the snapshot.</summary>
    private static string Normalise(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\n");

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside and renamed over: concurrent runs of one scenario on one backend (run --jobs with --repeat)
        // each replace the file whole, never interleave in it or fail on a file another run holds open.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text, Utf8);
        File.Move(temporary, path, overwrite: true);
    }
}
