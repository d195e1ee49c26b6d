using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;
using Conformance.Tests.Running;

namespace Conformance.Tests.Cli;

/// <summary>The <c>coverage</c> command and <c>run --coverage</c>: the checklist items the scenarios cover, the gaps, the uncoverable items.</summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class CoverageCommandTests
{
    private static TempSuite Suite()
    {
        var suite = SemanticsChecklistTests.WithChecklist();
        suite.Write("queue/closed", "description: Main prints.\nfeatures: [Queue]\ncovers: [Q-2, Q-9]\nmain:\n  - print: \"closed\"\n");
        suite.Write("lock/plain", "description: Main prints.\nfeatures: [Lock]\nmain:\n  - print: \"plain\"\n");
        File.WriteAllText(Path.Combine(suite.Paths.Scenarios, UncoverableList.FileName), "# comment\nQ-17  needs the fork start method\n");
        return suite;
    }

    [Test]
    public async Task Coverage_lists_every_item_with_its_scenarios_the_gaps_and_the_sums_without_running()
    {
        using var suite = Suite();
        var result = await Cli.RunAsync("coverage", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.StartWith($"coverage of {SemanticsChecklist.Where} by 2 scenario(s)\n"));
            Assert.That(result.Stdout, Does.Contain("\nQ-2    [D,V]    deterministic      queue/closed\n"));
            Assert.That(result.Stdout, Does.Contain("\nQ-17   [D,V]    deterministic      uncoverable: needs the fork start method\n"));
            Assert.That(result.Stdout, Does.Contain("\nQ-1    [D,V]    deterministic      UNCOVERED\n"));
            Assert.That(result.Stdout, Does.Contain("\n2. Queue: 19 items, 16 deterministic, 2 covered, 1 uncoverable, 13 uncovered\n"));
            Assert.That(result.Stdout, Does.Contain("\nuncoverable items: 1\n  Q-17  needs the fork start method\n"));
        });
    }

    [TestCase("2")]
    [TestCase("queue")]
    [TestCase("2. Queue")]
    public async Task Section_keeps_one_section(string section)
    {
        using var suite = Suite();
        var result = await Cli.RunAsync("coverage", "--section", section, "--uncovered", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.Contain("uncovered deterministic items: 13\n  Q-1  2. Queue: "));
            Assert.That(result.Stdout, Does.Not.Contain("queue/closed"), "--uncovered leaves out the item list");
            Assert.That(result.Stdout, Does.Not.Contain("1. Process").And.Not.Contain("P-N1"));
        });
    }

    [Test]
    public async Task An_unknown_section_is_a_usage_error_listing_the_sections()
    {
        using var suite = Suite();
        var result = await Cli.RunAsync("coverage", "--section", "Queues", "--root", suite.Root);
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("--section: no section 'Queues' in docs/reference/cpython-semantics.md; sections: General rules; 1. Process; 2. Queue;"));
    }

    [Test]
    public async Task An_uncoverable_item_that_a_scenario_covers_makes_validate_and_coverage_fail()
    {
        using var suite = Suite();
        File.AppendAllText(Path.Combine(suite.Paths.Scenarios, UncoverableList.FileName), "Q-9  claimed, but queue/closed covers it\n");
        var validate = await Cli.RunAsync("validate", "--root", suite.Root);
        var coverage = await Cli.RunAsync("coverage", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(validate.Code, Is.EqualTo(2));
            Assert.That(validate.Stderr, Does.Contain("uncoverable.txt:3:1: item 'Q-9' is listed as uncoverable, but scenario queue/closed covers it"));
            Assert.That(coverage.Code, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task An_unknown_id_in_the_uncoverable_list_is_a_located_validation_error()
    {
        using var suite = Suite();
        File.AppendAllText(Path.Combine(suite.Paths.Scenarios, UncoverableList.FileName), "Q-177  typo\n");
        var validate = await Cli.RunAsync("validate", "--root", suite.Root);
        Assert.That(validate.Code, Is.EqualTo(2));
        Assert.That(validate.Stderr, Does.Contain("uncoverable.txt:3:1: unknown checklist item 'Q-177'; items are listed in docs/reference/cpython-semantics.md; did you mean 'Q-17'?"));
    }

    [Test]
    public async Task Run_coverage_prints_the_listing_with_verdicts_after_the_table()
    {
        using var suite = Suite();
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(90), "run", "--backend", "cpython", "--filter", "queue/**", "--coverage", "--root", suite.Root);
        var table = result.Stdout.IndexOf("total: 1 results", StringComparison.Ordinal);
        var listing = result.Stdout.IndexOf("coverage of docs/reference/cpython-semantics.md by 1 scenario(s)", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(table, Is.GreaterThan(0), result.Stdout + result.Stderr);
            Assert.That(listing, Is.GreaterThan(table), "the listing follows the results table");
            // No snapshot was accepted in the throw-away suite, so CPython's run fails; the verdict is what is shown.
            Assert.That(result.Stdout, Does.Match(@"\nQ-2 +\[D,V\] +deterministic +queue/closed \(cpython-[0-9.]+: [a-z-]+\)\n"));
        });
    }

    [Test]
    public async Task The_template_of_new_mentions_covers_and_validates()
    {
        using var suite = Suite();
        var made = await Cli.RunAsync("new", "queue/put-then-get", "--root", suite.Root);
        var text = File.ReadAllText(Path.Combine(suite.Paths.Scenarios, "queue", "put-then-get.yaml"));
        var validated = await Cli.RunAsync("validate", "queue/put-then-get", "--root", suite.Root);
        Assert.Multiple(() =>
        {
            Assert.That(made.Stdout, Does.Contain("covers:"));
            // A comment, not an empty list: an empty covers would claim nothing and read as done.
            Assert.That(text, Does.Contain("\n# covers: [Q-12]"));
            Assert.That(validated.Code, Is.Zero, validated.Stderr);
        });
    }
}
