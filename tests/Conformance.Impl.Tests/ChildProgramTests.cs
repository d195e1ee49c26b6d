using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;

namespace Conformance.Impl.Tests;

/// <summary>Runs Conformance.Impl.TestChild as a parent program, the way a user's program uses the library.</summary>
[CancelAfter(60_000)]
public class ChildProgramTests
{
    private static string ChildDll
    {
        get
        {
            var dir = TestContext.CurrentContext.TestDirectory.Replace("Conformance.Impl.Tests", "Conformance.Impl.TestChild", StringComparison.Ordinal);
            return Path.Combine(dir, "Conformance.Impl.TestChild.dll");
        }
    }

    private static async Task<(BufferedCommandResult Result, int Pid)> RunChildWithPid(CancellationToken ct, params string[] args)
    {
        var task = Cli.Wrap("dotnet").WithArguments([ChildDll, .. args]).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(ct);
        var pid = task.ProcessId;
        return (await task, pid);
    }

    private static async Task<BufferedCommandResult> RunChild(CancellationToken ct, params string[] args) =>
        (await RunChildWithPid(ct, args)).Result;

    private static string[] LeftoversOf(int pid) =>
        Directory.GetFiles("/dev/shm", $"sem.mp-{pid}-*").ToArray();

    [Test]
    public async Task Raising_child_reports_on_stderr_and_exits_1(CancellationToken ct)
    {
        var r = await RunChild(ct, "raise");
        Assert.That(r.StandardOutput, Does.Contain("exitcode=1"));
        Assert.That(r.StandardError, Does.StartWith("Process Process-1:\nTraceback (most recent call last):\n"));
        Assert.That(r.StandardError, Does.Contain("InvalidOperationException: boom"));
        // CPython's traceback ends with "Type: message" (traceback.format_exception_only), not a .NET stack dump.
        Assert.That(r.StandardError.TrimEnd('\n').Split('\n')[^1], Is.EqualTo("InvalidOperationException: boom"));
        Assert.That(r.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public async Task Grandchildren_are_named_with_the_parent_identity(CancellationToken ct)
    {
        var r = await RunChild(ct, "names");
        Assert.That(r.StandardOutput.Split('\n').Where(l => l.StartsWith("child", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "child name=Process-1 parent=MainProcess",
            "child name=Process-1:1 parent=Process-1",
            "child name=Process-1:2 parent=Process-1",
        }));
    }

    [Test]
    public async Task Queue_data_put_by_a_child_is_flushed_before_it_exits(CancellationToken ct)
    {
        var (r, pid) = await RunChildWithPid(ct, "queue-exit");
        Assert.That(r.StandardOutput, Does.Contain("sum=499500 exitcode=0"));
        Assert.That(LeftoversOf(pid), Is.Empty);
    }

    [Test]
    public async Task Lock_inside_a_queue_item_fails_like_CPython(CancellationToken ct)
    {
        var (r, pid) = await RunChildWithPid(ct, "lock-in-queue");
        Assert.That(r.StandardOutput, Does.Contain("got 5"));
        Assert.That(r.StandardError, Does.Contain("Lock objects should only be shared between processes through inheritance"));
        Assert.That(LeftoversOf(pid), Is.Empty);
    }

    [Test]
    public async Task At_exit_daemons_are_terminated_and_others_joined(CancellationToken ct)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await RunChild(ct, "daemon-exit");
        Assert.That(sw.Elapsed.TotalSeconds, Is.LessThan(20));
        var pids = r.StandardOutput.Split('\n').First(l => l.StartsWith("pids", StringComparison.Ordinal)).Split(' ').Skip(1).Select(int.Parse).ToArray();
        foreach (var pid in pids) Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, $"child {pid} outlived its parent");
        Assert.That(r.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public async Task A_program_that_only_made_a_Lock_unlinks_it_at_exit_without_a_leak_warning(CancellationToken ct)
    {
        // Found by the benchmark's uncontended-lock run: without a child, a queue or shared memory nothing installed
        // the exit hook, so the creator never unlinked and the resource tracker cleaned up with CPython's leak warning.
        var (r, pid) = await RunChildWithPid(ct, "lock-only-exit");
        Assert.That(r.StandardOutput, Does.StartWith("done /mp-"), r.StandardError);
        Assert.That(r.ExitCode, Is.EqualTo(0));
        Assert.That(r.StandardError, Does.Not.Contain("leaked"));
        Assert.That(LeftoversOf(pid), Is.Empty);
    }

    [Test]
    public async Task Resource_tracker_unlinks_semaphores_of_a_SIGKILLed_parent(CancellationToken ct)
    {
        using var ready = new SemaphoreSlim(0);
        string? name = null;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var task = Cli.Wrap("dotnet").WithArguments([ChildDll, "hold-sems"])
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    name = line[6..];
                    ready.Release();
                }
            }))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cts.Token, CancellationToken.None);
        Assert.That(await ready.WaitAsync(TimeSpan.FromSeconds(30), ct), Is.True);
        var file = "/dev/shm/sem." + name!.TrimStart('/');
        Assert.That(File.Exists(file), Is.True);
        var pid = task.ProcessId;
        Assert.That(LeftoversOf(pid), Has.Length.GreaterThanOrEqualTo(4), "lock + queue's rlock/wlock/sem exist while it runs");
        // SIGKILL the parent only (CliWrap's cancellation would kill the whole tree, tracker included).
        using (var parent = System.Diagnostics.Process.GetProcessById(pid)) parent.Kill(entireProcessTree: false);
        await task;
        for (var i = 0; i < 100 && LeftoversOf(pid).Length > 0; i++) await Task.Delay(100, ct);
        Assert.That(LeftoversOf(pid), Is.Empty);
    }
}
