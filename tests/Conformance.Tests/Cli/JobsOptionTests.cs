using System.Text.Json;
using Conformance.Harness.Cli;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary><c>run --jobs N</c>: a whole number of at least 1, or a usage error (exit 2); the reports keep the sequential order.</summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class JobsOptionTests
{
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("two")]
    [TestCase("1.5")]
    public async Task A_number_of_jobs_that_is_not_a_whole_number_of_at_least_one_is_a_usage_error(string value)
    {
        var (code, _, stderr) = await RunAsync("run", "--jobs", value);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.StartWith($"error: --jobs takes a whole number of at least 1, not '{value}'").And.Contain("Usage:"));
        });
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task The_json_report_of_three_jobs_lists_the_results_in_the_order_of_one_job_with_each_runs_overhead()
    {
        using var suite = new TempSuite();
        // The first scenario sleeps, so with three jobs it ends last; the report must still list it first.
        suite.Write("cli/a-sleeps", """
            description: Main sleeps, then prints.
            features: [sleep]
            main:
              - sleep: 0.5
              - print: woke
            """);
        foreach (var id in new[] { "cli/b", "cli/c" })
            suite.Write(id, """
                description: Main prints.
                features: [print]
                main:
                  - print: hello
                """);
        var (one, three) = (Path.Combine(suite.Root, "one.json"), Path.Combine(suite.Root, "three.json"));

        var (sequential, stdout, _) = await RunAsync("run", "--root", suite.Root, "--backend", "csharp", "--jobs", "1", "--json", one);
        var (parallel, _, _) = await RunAsync("run", "--root", suite.Root, "--backend", "csharp", "--jobs", "3", "--json", three);

        static List<(string, string, string)> Rows(string file) =>
            [.. JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("results").EnumerateArray()
                .Select(r => (r.GetProperty("scenario").GetString()!, r.GetProperty("backend").GetString()!, r.GetProperty("verdict").GetString()!))];
        var run = JsonDocument.Parse(File.ReadAllText(three)).RootElement.GetProperty("results")[0].GetProperty("runs")[0];
        Assert.Multiple(() =>
        {
            Assert.That(sequential, Is.EqualTo(1), "no verified snapshots in this suite");
            Assert.That(parallel, Is.EqualTo(1));
            Assert.That(Rows(three), Is.EqualTo(Rows(one)));
            Assert.That(Rows(one).Select(r => r.Item1), Is.EqualTo(new[] { "cli/a-sleeps", "cli/b", "cli/c" }));
            Assert.That(run.GetProperty("sleeps_s").GetDouble(), Is.EqualTo(0.5));
            Assert.That(run.GetProperty("overhead_s").GetDouble(),
                Is.EqualTo(run.GetProperty("duration_s").GetDouble() - 0.5).Within(0.0015), "overhead = duration - sleeps (each rounded to ms)");
            Assert.That(stdout, Does.Contain("overhead per run (median): csharp "));
        });
    }

    // One way to run the command line in-process: ProgramTests's (it redirects the console and restores it).
    private static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => ProgramTests.RunAsync(args);
}
