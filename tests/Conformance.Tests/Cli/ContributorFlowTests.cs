using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary>From an idea to a committed scenario: <c>new</c>, <c>validate</c> with id globs, and dangling snapshots with <c>accept --prune</c>.</summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class ContributorFlowTests
{
    private const string Valid = Cli.ValidScenario;

    [Test]
    public async Task New_writes_a_template_that_validates_and_says_the_next_commands()
    {
        using var suite = new TempSuite();
        var made = await Cli.RunAsync("new", "queue/put-then-get", "--root", suite.Root);
        var file = Path.Combine(suite.Paths.Scenarios, "queue", "put-then-get.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(made.Code, Is.Zero, made.Stderr);
            Assert.That(made.Stdout, Does.Contain($"wrote {file}").And.Contain("validate 'queue/put-then-get'").And.Contain("accept"));
            Assert.That(File.ReadAllText(file), Does.StartWith("# yaml-language-server: $schema=../scenario.schema.json\ndescription: >-\n"));
        });
        var validated = await Cli.RunAsync("validate", "queue/put-then-get", "--root", suite.Root);
        Assert.That((validated.Code, validated.Stdout.Trim()), Is.EqualTo((0, "1 valid, 0 invalid")), validated.Stderr);

        var again = await Cli.RunAsync("new", "queue/put-then-get", "--root", suite.Root);
        Assert.That(again.Code, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("already exists"));
    }

    [TestCase("Queue/PutGet")]
    [TestCase("put-then-get")]
    [TestCase("queue/../../etc/x")]
    [TestCase("queue/")]
    public async Task New_refuses_what_is_not_an_id(string id)
    {
        using var suite = new TempSuite();
        var result = await Cli.RunAsync("new", id, "--root", suite.Root);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("is not a scenario id"));
        Assert.That(Directory.EnumerateFileSystemEntries(suite.Paths.Scenarios), Is.Empty);
    }

    [Test]
    public async Task Validate_takes_id_globs_and_files()
    {
        using var suite = new TempSuite();
        suite.Write("queue/one", Valid);
        suite.Write("queue/deep/two", Valid);
        var lockFile = suite.Write("lock/three", Valid);

        Assert.That((await Cli.RunAsync("validate", "queue/*", "--root", suite.Root)).Stdout, Does.Contain("1 valid, 0 invalid"));
        Assert.That((await Cli.RunAsync("validate", "queue/**", "--root", suite.Root)).Stdout, Does.Contain("2 valid, 0 invalid"));
        Assert.That((await Cli.RunAsync("validate", "queue/**", lockFile, "--root", suite.Root)).Stdout, Does.Contain("3 valid, 0 invalid"));
        var none = await Cli.RunAsync("validate", "pipe/**", "--root", suite.Root);
        Assert.That(none.Code, Is.EqualTo(2));
        Assert.That(none.Stderr, Does.Contain("'pipe/**' is neither a file nor an id glob that matches a scenario"));
    }

    [Test]
    public async Task A_dangling_verified_snapshot_fails_the_run_until_accept_prune_removes_it()
    {
        using var suite = new TempSuite();
        suite.Write("cli/good", Valid);
        var first = await Cli.RunAsync(TimeSpan.FromSeconds(60), "run", "--backend", "cpython", "--root", suite.Root);
        Assert.That(first.Code, Is.EqualTo(1), "no verified snapshot yet");
        await Cli.RunAsync("accept", "--root", suite.Root);
        var renamed = Path.Combine(suite.Paths.Expected, "cli", "old-name.verified.txt");
        File.WriteAllText(renamed, "scenario: cli/old-name\n");

        var dangling = await Cli.RunAsync(TimeSpan.FromSeconds(60), "run", "--backend", "cpython", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(dangling.Code, Is.EqualTo(1), dangling.Stdout + dangling.Stderr);
            Assert.That(dangling.Stdout, Does.Contain("1 pass"));
            Assert.That(dangling.Stderr, Does.Contain($"dangling snapshot: {renamed} has no scenario").And.Contain("accept --prune"));
        });

        var pruned = await Cli.RunAsync("accept", "--prune", "--root", suite.Root);
        Assert.That(pruned.Stdout, Does.Contain($"pruned {renamed}"));
        Assert.That(File.Exists(Path.Combine(suite.Paths.Expected, "cli", "good.verified.txt")), Is.True, "a live snapshot stays");
        var clean = await Cli.RunAsync(TimeSpan.FromSeconds(60), "run", "--backend", "cpython", "--root", suite.Root);
        Assert.That(clean.Code, Is.Zero, clean.Stdout + clean.Stderr);
    }
}
