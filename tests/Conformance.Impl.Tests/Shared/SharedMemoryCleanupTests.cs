using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Shared;

/// <summary>The /dev/shm segments of shared values: unlinked by their creator at exit, by the tracker after a SIGKILL.</summary>
[CancelAfter(60_000)]
public class SharedMemoryCleanupTests
{
    private static string ChildDll =>
        Path.Combine(TestContext.CurrentContext.TestDirectory.Replace("Conformance.Impl.Tests", "Conformance.Impl.TestChild", StringComparison.Ordinal),
            "Conformance.Impl.TestChild.dll");

    // Segments are /dev/shm/mp-PID-HEX8 (semaphores are sem.mp-PID-HEX8).
    private static string[] SegmentsOf(int pid) => Directory.GetFiles("/dev/shm", $"mp-{pid}-*");

    [Test]
    public async Task A_normal_exit_unlinks_the_segments_a_child_shared(CancellationToken ct)
    {
        var task = Cli.Wrap("dotnet").WithArguments([ChildDll, "shared-exit"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(ct);
        var pid = task.ProcessId;
        var r = await task;
        Assert.That(r.StandardOutput.Trim(), Is.EqualTo("ready value=41 array=0,0,2.5 exitcode=0"), r.StandardError);
        Assert.That(r.ExitCode, Is.EqualTo(0));
        Assert.That(SegmentsOf(pid), Is.Empty);
        Assert.That(r.StandardError, Does.Not.Contain("leaked"));
    }

    [Test]
    public async Task The_tracker_unlinks_the_segments_of_a_SIGKILLed_creator(CancellationToken ct)
    {
        using var ready = new SemaphoreSlim(0);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var task = Cli.Wrap("dotnet").WithArguments([ChildDll, "hold-shared"])
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal)) ready.Release();
            }))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cts.Token, CancellationToken.None);
        Assert.That(await ready.WaitAsync(TimeSpan.FromSeconds(30), ct), Is.True);
        var pid = task.ProcessId;
        Assert.That(SegmentsOf(pid), Has.Length.EqualTo(3), "a Value, an Array and a Barrier while it runs");
        // SIGKILL the parent only (CliWrap's cancellation would kill the whole tree, tracker included).
        using (var parent = System.Diagnostics.Process.GetProcessById(pid)) parent.Kill(entireProcessTree: false);
        await task;
        for (var i = 0; i < 100 && SegmentsOf(pid).Length > 0; i++) await Task.Delay(100, ct);
        Assert.That(SegmentsOf(pid), Is.Empty);
    }
}
