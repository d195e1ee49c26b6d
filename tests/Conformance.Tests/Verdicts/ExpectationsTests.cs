using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Verdicts;

/// <summary>expected/expectations.yaml: its checks (located errors) and what it does to verdicts.</summary>
public sealed class ExpectationsTests
{
    private const string File = "expected/expectations.yaml";
    private static readonly HashSet<string> Ids = ["queue/get", "tutorial/07-manager-dict"];

    private static Expectations Parse(string yaml) => Expectations.Parse(File, yaml, Ids);

    private static IReadOnlyList<string> Errors(string yaml) =>
        Assert.Throws<ScenarioValidationException>(() => Parse(yaml))!.Diagnostics.Select(d => d.ToString()).ToList();

    private static RunResult Result(Verdict verdict, string backend = "csharp") =>
        new("tutorial/07-manager-dict", backend, verdict, TimeSpan.FromSeconds(1), [], [], verdict == Verdict.Pass ? null : "not implemented: Manager");

    private const string OneEntry = """
        expectations:
          - scenario: tutorial/07-manager-dict
            backend: csharp
            expect: not-implemented
            reason: no Manager in impl yet
        """;

    [Test]
    public void A_listed_non_pass_becomes_expected_and_keeps_its_reason()
    {
        var applied = Parse(OneEntry).Apply(Result(Verdict.NotImplemented), "csharp");

        Assert.Multiple(() =>
        {
            Assert.That(applied.Verdict, Is.EqualTo(Verdict.ExpectedNotImplemented));
            Assert.That(applied.Verdict.ToWire(), Is.EqualTo("expected-not-implemented"));
            Assert.That(applied.IsSuccess, Is.True);
            Assert.That(applied.Message, Does.Contain("no Manager in impl yet").And.Contain($"{File}:2:5"));
        });
    }

    [Test]
    public void A_listed_scenario_that_passes_is_an_unexpected_pass_that_fails()
    {
        var applied = Parse(OneEntry).Apply(Result(Verdict.Pass), "csharp");

        Assert.Multiple(() =>
        {
            Assert.That(applied.Verdict, Is.EqualTo(Verdict.UnexpectedPass));
            Assert.That(applied.IsSuccess, Is.False);
            Assert.That(applied.Message, Does.Contain("remove the entry").And.Contain($"{File}:2:5"));
        });
    }

    [Test]
    public void A_listed_scenario_failing_another_way_keeps_its_own_verdict()
    {
        var applied = Parse(OneEntry).Apply(Result(Verdict.Timeout), "csharp");

        Assert.Multiple(() =>
        {
            Assert.That(applied.Verdict, Is.EqualTo(Verdict.Timeout));
            Assert.That(applied.Message, Does.Contain("listed as expected not-implemented").And.Contain("but it is timeout"));
        });
    }

    [Test]
    public void An_unlisted_not_implemented_stays_a_failure()
    {
        var result = Parse(OneEntry).Apply(Result(Verdict.NotImplemented) with { Scenario = "queue/get" }, "csharp");

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.NotImplemented));
            Assert.That(result.IsSuccess, Is.False);
        });
    }

    [Test]
    public void Backend_globs_match_ids_and_versioned_names()
    {
        var expectations = Parse("""
            expectations:
              - scenario: queue/get
                backend: cpython-3.13.*
                expect: fail
                reason: a 3.13 change
            """);

        Assert.Multiple(() =>
        {
            Assert.That(expectations.Find("queue/get", "cpython", "cpython-3.13.0"), Is.Not.Null);
            Assert.That(expectations.Find("queue/get", "cpython", "cpython-3.11.7"), Is.Null);
            Assert.That(expectations.Find("queue/get", "csharp", "csharp"), Is.Null);
        });
    }

    [Test]
    public void Unknown_ids_verdicts_and_keys_are_located_errors()
    {
        var errors = Errors("""
            expectations:
              - scenario: queue/gte
                backend: csharp
                expect: pass
                reason: typo
                when: always
              - scenario: queue/get
                backend: ""
                expect: fail
            """);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.StartWith($"{File}:2:5: ").And.Contain("no scenario 'queue/gte'").And.Contain("did you mean 'queue/get'?"));
            Assert.That(errors, Has.Some.StartWith($"{File}:4:5: ").And.Contain("'pass' cannot be expected"));
            Assert.That(errors, Has.Some.StartWith($"{File}:6:5: ").And.Contain("unknown key 'when'"));
            Assert.That(errors, Has.Some.StartWith($"{File}:8:5: ").And.Contain("'backend' must be a non-empty string"));
            Assert.That(errors, Has.Some.StartWith($"{File}:7:5: ").And.Contain("an expectation needs 'reason'"));
        });
    }

    [Test]
    public void A_duplicate_entry_is_an_error()
    {
        var errors = Errors(OneEntry + "\n" + """
              - scenario: tutorial/07-manager-dict
                backend: csharp
                expect: error
                reason: again
            """);

        Assert.That(errors, Has.Some.StartWith($"{File}:6:5: ").And.Contain("listed twice"));
    }

    [Test]
    public void The_repositorys_file_is_valid()
    {
        var paths = SuitePaths.Locate();
        var ids = ScenarioLoader.Discover(paths.Scenarios).Select(f => ScenarioLoader.IdOf(paths.Scenarios, f)).ToHashSet();

        Assert.That(Expectations.Load(paths, ids).Entries, Is.Not.Empty);
    }
}
