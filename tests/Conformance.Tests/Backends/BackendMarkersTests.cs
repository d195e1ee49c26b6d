using System.Diagnostics;
using Conformance.Harness.Backends;
using Conformance.Harness.Running;

namespace Conformance.Tests.Backends;

/// <summary>Each backend declares its helper processes, object names and runtime files; the harness hard-codes none of them.</summary>
public sealed class BackendMarkersTests
{
    [TestCase("cpython", "/mp-k3_9zq0a", true)]
    [TestCase("cpython", "/psm_1f2e3d4c", true)]
    [TestCase("cpython", "/mp-1234-0a1b2c3d", false)]
    [TestCase("cpython", "/other", false)]
    [TestCase("csharp", "/mp-1234-0a1b2c3d", true)]
    [TestCase("csharp", "/mp-k3_9zq0a", false)]
    [TestCase("csharp", "/psm_1f2e3d4c", false)]
    public void Each_backend_claims_the_names_of_its_own_objects(string backendId, string name, bool own)
    {
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        Assert.That(backend.Markers.IsOwnObject(name), Is.EqualTo(own));
    }

    [TestCase("cpython")]
    [TestCase("csharp")]
    public void Both_backends_runtimes_are_dotnet_so_its_diagnostics_endpoints_are_not_leftovers(string backendId)
    {
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();

        Assert.Multiple(() =>
        {
            Assert.That(backend.Markers.IsRuntimeTempEntry("dotnet-diagnostic-4242-123456-socket"), Is.True);
            Assert.That(backend.Markers.IsRuntimeTempEntry("clr-debug-pipe-4242-123456-in"), Is.True);
            Assert.That(backend.Markers.IsRuntimeTempEntry("pymp-abcdefgh"), Is.False);
        });
    }

    [Test]
    public void The_runtimes_entries_are_left_out_of_a_runs_leftovers_only_when_the_backend_declares_them()
    {
        var folder = Directory.CreateTempSubdirectory("leftovers-").FullName;
        try
        {
            var tmp = Directory.CreateDirectory(Path.Combine(folder, "tmp")).FullName;
            File.WriteAllBytes(Path.Combine(tmp, "dotnet-diagnostic-4242-123456-socket"), []);
            File.WriteAllBytes(Path.Combine(tmp, "left.txt"), []);

            Assert.Multiple(() =>
            {
                Assert.That(TempLeftovers.LeftIn(tmp, new CSharpBackend().Markers.IsRuntimeTempEntry), Is.EqualTo(new[] { "tmp/left.txt" }));
                Assert.That(TempLeftovers.LeftIn(tmp, BackendMarkers.None.IsRuntimeTempEntry), Has.Count.EqualTo(2));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_helper_is_known_by_its_environment_entry_or_its_command_line()
    {
        var start = new ProcessStartInfo("sleep", "30") { UseShellExecute = false };
        start.Environment["CONFORMANCE_MP_ROLE"] = "tracker";
        using var tracker = Process.Start(start)!;
        using var other = Process.Start(new ProcessStartInfo("sleep", "31") { UseShellExecute = false })!;
        try
        {
            var impl = new CSharpBackend().Markers;
            var byCommandLine = new HelperProcess("sleeper", CommandLineContains: "sleep\u000031");
            Assert.Multiple(() =>
            {
                Assert.That(impl.HelperOf(tracker.Id)?.Role, Is.EqualTo("resource tracker"));
                Assert.That(impl.HelperOf(other.Id), Is.Null);
                Assert.That(new CPythonBackend().Markers.HelperOf(tracker.Id), Is.Null, "CPython's tracker is known by its command line");
                Assert.That(byCommandLine.Is(other.Id), Is.True);
                Assert.That(byCommandLine.Is(tracker.Id), Is.False);
            });
        }
        finally
        {
            tracker.Kill();
            other.Kill();
        }
    }
}
