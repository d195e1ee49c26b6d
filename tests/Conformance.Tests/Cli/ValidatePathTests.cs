using System.Diagnostics;
using Conformance.Harness.Running;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary><c>validate</c> given paths that are not readable scenario files: each is a located error and exit 2, at once, never a hang.</summary>
[NonParallelizable] // Console output is redirected per test.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs, symlink loops and Unix permissions.
public sealed class ValidatePathTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_directory_is_a_located_error()
    {
        using var suite = new TempSuite();
        var folder = Path.Combine(suite.Paths.Scenarios, "queue");
        Directory.CreateDirectory(folder);

        await AssertLocatedAsync(suite, folder, "this is a directory, not a file");
    }

    [Test]
    public async Task A_directory_named_like_a_scenario_is_a_located_error_when_named_and_is_not_a_scenario_when_discovered()
    {
        using var suite = new TempSuite();
        suite.Write("cli/good", HostileYaml.Head + "  - pass\n");
        var folder = Path.Combine(suite.Paths.Scenarios, "cli", "x.yaml");
        Directory.CreateDirectory(folder);

        await AssertLocatedAsync(suite, folder, "this is a directory, not a file");
        var all = await Cli.RunAsync(Quickly, "validate", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(all.Code, Is.Zero, all.Stderr);
            Assert.That(all.Stdout, Does.Contain("1 valid, 0 invalid"));
        });
    }

    [Test]
    public async Task A_missing_file_is_a_located_error()
    {
        using var suite = new TempSuite();

        await AssertLocatedAsync(suite, Path.Combine(suite.Paths.Scenarios, "cli", "missing.yaml"), "cannot read the file: No such file or directory");
    }

    [Test]
    public async Task A_path_through_a_file_is_a_located_error()
    {
        using var suite = new TempSuite();
        var file = suite.Write("cli/plain", HostileYaml.Head + "  - pass\n");

        await AssertLocatedAsync(suite, Path.Combine(file, "inner.yaml"), "cannot read the file: Not a directory");
    }

    [Test]
    public async Task A_symlink_loop_is_a_located_error_named_or_discovered()
    {
        using var suite = new TempSuite();
        var a = Path.Combine(suite.Paths.Scenarios, "a.yaml");
        var b = Path.Combine(suite.Paths.Scenarios, "b.yaml");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        await AssertLocatedAsync(suite, a, "cannot read the file: Too many levels of symbolic links");
        var all = await Cli.RunAsync(Quickly, "validate", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(all.Code, Is.EqualTo(2));
            Assert.That(all.Stderr, Does.Contain($"{a}:1:1: cannot read the file").And.Contain($"{b}:1:1: cannot read the file"));
        });
    }

    [Test]
    public async Task A_file_without_read_permission_is_a_located_error_unless_root_reads_it_anyway()
    {
        using var suite = new TempSuite();
        var file = suite.Write("cli/secret", HostileYaml.Head + "  - pass\n");
        File.SetUnixFileMode(file, UnixFileMode.None);

        var result = await Cli.RunAsync(Quickly, "validate", file, "--root", suite.Root);

        // Root (as in CI containers) reads any file, so the refusal can only be seen as another user.
        if (Environment.UserName == "root")
            Assert.That(result.Code, Is.Zero, result.Stderr);
        else
            AssertLocated(result, file, "cannot read the file: Permission denied");
    }

    [Test]
    public async Task A_fifo_is_refused_at_once_named_or_discovered_instead_of_waiting_for_a_writer()
    {
        using var suite = new TempSuite();
        var fifo = Path.Combine(suite.Paths.Scenarios, "cli", "pipe.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        MakeFifo(fifo);

        await AssertLocatedAsync(suite, fifo, "this is not a regular file (a pipe, socket or terminal)");
        var all = await Cli.RunAsync(Quickly, "validate", "--root", suite.Root);
        AssertLocated(all, fifo, "this is not a regular file");
    }

    [TestCase("/dev/zero", "the file is more than 1,048,576 bytes")]
    [TestCase("/dev/null", "expected exactly one YAML document, found 0")]
    public async Task A_device_is_a_located_error(string device, string fragment)
    {
        using var suite = new TempSuite();

        await AssertLocatedAsync(suite, device, fragment);
    }

    [TestCase("directory", "this is a directory, not a file")]
    [TestCase("fifo", "this is not a regular file")]
    [TestCase("loop", "cannot read the file: Too many levels of symbolic links")]
    [TestCase("dangling", "cannot read the file: No such file or directory")]
    public async Task An_expectations_file_that_cannot_be_read_is_a_located_error(string kind, string fragment)
    {
        using var suite = new TempSuite();
        suite.Write("cli/good", HostileYaml.Head + "  - pass\n");
        var file = Path.Combine(suite.Paths.Expected, Expectations.FileName);
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(file);
                break;
            case "fifo":
                MakeFifo(file);
                break;
            case "loop":
                File.CreateSymbolicLink(file, file);
                break;
            default:
                File.CreateSymbolicLink(file, Path.Combine(suite.Paths.Expected, "gone.yaml"));
                break;
        }

        var result = await Cli.RunAsync(Quickly, "validate", "--root", suite.Root);

        AssertLocated(result, file, fragment);
    }

    private static async Task AssertLocatedAsync(TempSuite suite, string path, string fragment) =>
        AssertLocated(await Cli.RunAsync(Quickly, "validate", path, "--root", suite.Root), path, fragment);

    private static void AssertLocated(Cli.Result result, string path, string fragment)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(2), result.Stderr);
            Assert.That(result.Stderr, Does.Contain($"{path}:1:1: {fragment}"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(result.Elapsed, Is.LessThan(Quickly));
        });
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
    }
}
