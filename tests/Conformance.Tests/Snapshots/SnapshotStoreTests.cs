using System.Text;
using Conformance.Harness.Snapshots;

namespace Conformance.Tests.Snapshots;

public class SnapshotStoreTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("snapshots-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string File_(string name) => Path.Combine(_root, name);

    private void Verified(string id, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File_(id))!);
        File.WriteAllText(File_(id + ".verified.txt"), text, new UTF8Encoding(false));
    }

    [Test]
    public void Missing_writes_the_received_file_named_by_backend()
    {
        var cpython = SnapshotStore.Compare(_root, "tutorial/01-x", "cpython-3.12.0", "a\n");
        var csharp = SnapshotStore.Compare(_root, "tutorial/01-x", "csharp", "b\n");
        Assert.That(cpython.Status, Is.EqualTo(SnapshotStatus.Missing));
        Assert.That(cpython.ReceivedPath, Is.EqualTo(File_("tutorial/01-x.received.txt")));
        Assert.That(csharp.ReceivedPath, Is.EqualTo(File_("tutorial/01-x.csharp.received.txt")));
        Assert.That(File.ReadAllText(csharp.ReceivedPath), Is.EqualTo("b\n"));
        Assert.That(cpython.Diff, Does.Contain("+a\n"));
    }

    [Test]
    public void A_match_ignores_bom_and_crlf_and_deletes_a_stale_received_file()
    {
        Verified("q/get", "\uFEFFa\r\nb\r\n");
        File.WriteAllText(File_("q/get.csharp.received.txt"), "old\n");
        File.WriteAllText(File_("q/get.received.txt"), "cpython's\n");
        var result = SnapshotStore.Compare(_root, "q/get", "csharp", "a\nb\n");
        Assert.That(result.Status, Is.EqualTo(SnapshotStatus.Matched));
        Assert.That(result.Diff, Is.Empty);
        Assert.That(File.Exists(File_("q/get.csharp.received.txt")), Is.False);
        Assert.That(File.Exists(File_("q/get.received.txt")), Is.True, "another backend's received file is left alone");
    }

    [Test]
    public void A_mismatch_writes_received_and_gives_a_unified_diff()
    {
        Verified("q/get", "a\nb\n");
        var result = SnapshotStore.Compare(_root, "q/get", "csharp", "a\nc\n");
        Assert.That(result.Status, Is.EqualTo(SnapshotStatus.Mismatch));
        Assert.That(result.Diff, Is.EqualTo("--- verified\n+++ received\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"));
        Assert.That(File.ReadAllBytes(result.ReceivedPath), Is.EqualTo("a\nc\n"u8.ToArray()));
        Assert.That(result.VerifiedPath, Is.EqualTo(File_("q/get.verified.txt")));
    }

    [Test]
    public void Accept_promotes_cpython_received_files_and_refuses_other_backends()
    {
        Verified("q/get", "old\n");
        SnapshotStore.Compare(_root, "q/get", "cpython", "new\n");
        SnapshotStore.Compare(_root, "tutorial/01-x", "cpython-3.12.0", "first\n");
        SnapshotStore.Compare(_root, "q/put", "csharp", "csharp's\n");

        var result = SnapshotStore.Accept(_root);

        Assert.That(result.Accepted, Is.EqualTo(new[] { "q/get", "tutorial/01-x" }));
        Assert.That(File.ReadAllText(File_("q/get.verified.txt")), Is.EqualTo("new\n"));
        Assert.That(File.ReadAllText(File_("tutorial/01-x.verified.txt")), Is.EqualTo("first\n"));
        Assert.That(File.Exists(File_("q/get.received.txt")), Is.False);
        Assert.That(result.Refused, Has.Count.EqualTo(1));
        Assert.That(result.Refused[0], Does.Contain("q/put.csharp.received.txt").And.Contain("'csharp' backend").And.Contain("CPython only"));
        Assert.That(File.Exists(File_("q/put.verified.txt")), Is.False);
        Assert.That(File.Exists(File_("q/put.csharp.received.txt")), Is.True);
    }
}
