using Conformance.Harness.Checks;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

public class InvariantCheckerTests
{
    private const string Main = "MainProcess";

    private static InvariantOutcome CheckOne(string invariantJson, params string[] lines)
    {
        var outcomes = InvariantChecker.Check(Invariants($$$"""{"invariants": [{{{invariantJson}}}]}"""), Build([Meta(), .. lines]));
        Assert.That(outcomes, Has.Count.EqualTo(1));
        return outcomes[0];
    }

    private static readonly string[] SetThenWake =
    [
        Print(0.1, 100, Main, "main: setting\n"),
        Call(0.2, 100, Main, "e", "set"),
        Return(0.3, 201, "Process-1", "e", "wait", "True"),
        Return(0.4, 202, "Process-2", "e", "wait", "True"),
    ];

    private const string Before = """
        {"name": "set-first", "before": {"first": {"process": "main", "ev": "call", "obj": "e", "op": "set"},
                                         "then": {"ev": "return", "op": "wait", "result": "True"}}}
        """;

    [Test]
    public void No_invariants_gives_no_outcomes() =>
        Assert.That(InvariantChecker.Check(Invariants("{}"), Build(Meta())), Is.Empty);

    [Test]
    public void Before_passes_when_every_then_follows_the_first()
    {
        var o = CheckOne(Before, SetThenWake);
        Assert.That(o, Is.EqualTo(new InvariantOutcome("set-first", "before", true, "1 'first' event before 2 'then' events")));
    }

    [Test]
    public void Before_fails_naming_the_early_event()
    {
        var o = CheckOne(Before, Return(0.1, 201, "Process-1", "e", "wait", "True"), Call(0.2, 100, Main, "e", "set"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo(
            "1 'then' event came before the last 'first' event #2 MainProcess (pid 100) call e.set() at +0.200s: " +
            "#1 Process-1 (pid 201) return e.wait() -> True at +0.100s"));
    }

    [Test]
    public void Before_any_needs_only_one_first_event_earlier()
    {
        const string any = """{"name": "x", "before": {"first": {"ev": "call", "op": "set"}, "then": {"ev": "return", "op": "wait"}, "quantifier": "any"}}""";
        const string all = """{"name": "x", "before": {"first": {"ev": "call", "op": "set"}, "then": {"ev": "return", "op": "wait"}}}""";
        string[] lines = [Call(0.1, 100, Main, "e", "set"), Return(0.2, 201, "P-1", "e", "wait"), Call(0.3, 100, Main, "e", "set")];
        Assert.That(CheckOne(any, lines).Passed, Is.True);
        Assert.That(CheckOne(all, lines).Passed, Is.False);
    }

    [Test]
    public void A_selector_that_matches_nothing_fails_instead_of_passing_vacuously()
    {
        var o = CheckOne(Before, Call(0.2, 100, Main, "e", "set"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo("no event matched {ev: 'return', op: 'wait', result: 'True'}"));
    }

    private const string ProgramOrder = """
        {"name": "order", "program_order": [{"ev": "print", "text": "^start"}, {"ev": "print", "text": "^work"}, {"ev": "print", "text": "^done$"}]}
        """;

    [Test]
    public void Program_order_holds_per_process_even_when_processes_interleave()
    {
        var o = CheckOne(ProgramOrder,
            Print(0.1, 201, "P-1", "start\n"), Print(0.2, 202, "P-2", "start\n"), Print(0.3, 202, "P-2", "work 1\n"),
            Print(0.4, 201, "P-1", "work 1\n"), Print(0.5, 201, "P-1", "work 2\n"), Print(0.6, 201, "P-1", "done\n"));
        Assert.That(o, Is.EqualTo(new InvariantOutcome("order", "program_order", true, "6 events, 2 processes, each in order")));
    }

    [Test]
    public void Program_order_fails_naming_both_events()
    {
        var o = CheckOne(ProgramOrder,
            Print(0.1, 201, "P-1", "start\n"), Print(0.2, 201, "P-1", "done\n"), Print(0.3, 201, "P-1", "work\n"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo(
            "out of order: #2 P-1 (pid 201) print 'done' at +0.200s (step 3) came before #3 P-1 (pid 201) print 'work' at +0.300s (step 2)"));
    }

    private static string[] LockStays(params (int Pid, double In, double Out)[] stays) =>
    [
        .. stays.SelectMany(s => new[]
        {
            (T: s.In, Line: Return(s.In, s.Pid, $"P-{s.Pid}", "lock", "acquire", "True")),
            (T: s.Out, Line: Call(s.Out, s.Pid, $"P-{s.Pid}", "lock", "release")),
        }).OrderBy(x => x.T).Select(x => x.Line),
    ];

    private const string Exclusive = """
        {"name": "one-at-a-time", "mutual_exclusion": {"enter": {"ev": "return", "obj": "lock", "op": "acquire"}, "exit": {"ev": "call", "obj": "lock", "op": "release"}}}
        """;

    [Test]
    public void Mutual_exclusion_passes_for_back_to_back_stays()
    {
        var o = CheckOne(Exclusive, LockStays((1, 0.1, 0.2), (2, 0.3, 0.4), (3, 0.5, 0.6)));
        Assert.That(o.Detail, Is.EqualTo("3 stays by 3 processes, at most 1 inside at once"));
        Assert.That(o.Passed, Is.True);
    }

    [Test]
    public void Mutual_exclusion_fails_on_overlap_naming_who_was_inside()
    {
        var o = CheckOne(Exclusive, LockStays((1, 0.1, 0.4), (2, 0.2, 0.3)));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo(
            "not exclusive: #2 P-2 (pid 2) return lock.acquire() -> True at +0.200s entered while inside: P-1 (pid 1, #1..#4)"));
    }

    [Test]
    public void An_enter_without_exit_counts_as_inside_until_the_end()
    {
        var lines = LockStays((2, 0.3, 0.4));
        var o = CheckOne(Exclusive, [Return(0.1, 1, "P-1", "lock", "acquire", "True"), .. lines]);
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.EndWith("entered while inside: P-1 (pid 1, #1..end)"));
    }

    private static string MaxConcurrent(int n, bool reached) =>
        """{"name": "pool", "max_concurrent": {"enter": {"ev": "return", "op": "acquire"}, "exit": {"ev": "call", "op": "release"}, "n": """
        + n + ", \"reached\": " + (reached ? "true" : "false") + "}}";

    [Test]
    public void Max_concurrent_passes_within_the_limit_and_checks_reached()
    {
        var lines = LockStays((1, 0.1, 0.5), (2, 0.2, 0.6), (3, 0.55, 0.7));
        Assert.That(CheckOne(MaxConcurrent(2, reached: true), lines).Passed, Is.True);
        var unreached = CheckOne(MaxConcurrent(3, reached: true), lines);
        Assert.That(unreached.Passed, Is.False);
        Assert.That(unreached.Detail, Is.EqualTo("3 stays by 3 processes, at most 2 inside at once; expected 3 at some point"));
        Assert.That(CheckOne(MaxConcurrent(3, reached: false), lines).Passed, Is.True);
    }

    [Test]
    public void Max_concurrent_fails_over_the_limit()
    {
        var o = CheckOne(MaxConcurrent(1, reached: false), LockStays((1, 0.1, 0.5), (2, 0.2, 0.6)));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("more than 1 inside: #2 P-2 (pid 2)"));
    }

    private static readonly string[] Consumers =
    [
        Print(0.1, 201, "Consumer-1", "Consumer-1: 0 * 0\n"), Print(0.2, 202, "Consumer-2", "Consumer-2: 1 * 1\n"),
        Print(0.3, 201, "Consumer-1", "Consumer-1: 2 * 2\n"), Print(0.4, 202, "Consumer-2", "Consumer-2: Exiting\n"),
    ];

    [Test]
    public void Count_compares_with_literals_and_cpu_count_expressions()
    {
        const string of = """{"process": "Consumer-*", "ev": "print", "text": "^Consumer-\\d+: \\d"}""";
        Assert.That(CheckOne($$$"""{"name": "c", "count": {"of": {{{of}}}, "equals": 3}}""", Consumers).Detail, Is.EqualTo("3 events, 2 processes"));
        // The trace's meta says cpu_count 4: 4 - 1 = 3.
        Assert.That(CheckOne($$$"""{"name": "c", "count": {"of": {{{of}}}, "equals": {"sub": ["$cpu_count", 1]} } }""", Consumers).Passed, Is.True);
        Assert.That(CheckOne($$$"""{"name": "c", "count": {"of": {{{of}}}, "at_least": 2, "at_most": 3}}""", Consumers).Passed, Is.True);
        var o = CheckOne($$$"""{"name": "c", "count": {"of": {{{of}}}, "at_least": "$cpu_count"}}""", Consumers);
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("3 events matched, expected at least 4: #1 Consumer-1 (pid 201) print 'Consumer-1: 0 * 0'"));
    }

    [Test]
    public void Count_of_zero_passes_only_for_equals_zero()
    {
        Assert.That(CheckOne("""{"name": "c", "count": {"of": {"ev": "crash"}, "equals": 0}}""", Consumers).Passed, Is.True);
        var o = CheckOne("""{"name": "c", "count": {"of": {"ev": "crash"}, "at_most": 2}}""", Consumers);
        Assert.That(o.Detail, Is.EqualTo("no event matched {ev: 'crash'}"));
    }

    [Test]
    public void Failure_details_list_five_events_then_how_many_more()
    {
        var lines = Enumerable.Range(1, 8).Select(i => Print(i, 100, Main, $"line {i}\n")).ToArray();
        var o = CheckOne("""{"name": "c", "count": {"of": {"text": "^line"}, "equals": 1}}""", lines);
        Assert.That(o.Detail, Does.Contain("#5 MainProcess").And.Not.Contain("#6 MainProcess").And.EndWith("; and 3 more"));
    }

    private static string ExactlyOnce(string values) =>
        """{"name": "each-once", "exactly_once": {"of": {"ev": "print", "text": "^Consumer-\\d+: (\\d+) \\*"}, "capture": 1, "values": """
        + values + "}}";

    [Test]
    public void Exactly_once_passes_with_a_list_or_a_range()
    {
        Assert.That(CheckOne(ExactlyOnce("[0, 1, \"2\"]"), Consumers).Passed, Is.True);
        Assert.That(CheckOne(ExactlyOnce("""{"range": [0, {"sub": ["$cpu_count", 1]}]}"""), Consumers).Detail,
            Is.EqualTo("3 values each once in 3 events, 2 processes"));
    }

    [Test]
    public void Exactly_once_reports_missing_duplicate_and_unexpected_values()
    {
        string[] lines = [.. Consumers, Print(0.5, 203, "Consumer-3", "Consumer-3: 2 * 2\n"), Print(0.6, 203, "Consumer-3", "Consumer-3: 9 * 9\n")];
        var o = CheckOne(ExactlyOnce("""{"range": [4]}"""), lines);
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("never seen: '3'; "));
        Assert.That(o.Detail, Does.Contain("'2' seen 2 times: #3 Consumer-1"));
        Assert.That(o.Detail, Does.Contain("unexpected '9' in #6 Consumer-3"));
    }

    private const string Elapsed = """
        {"name": "slow", "min_elapsed": {"from": {"ev": "print", "text": "^sleeping"}, "to": {"ev": "print", "text": "^awake"}, "seconds": 2}}
        """;

    [Test]
    public void Min_elapsed_pairs_each_from_with_the_next_to_in_the_same_process()
    {
        var o = CheckOne(Elapsed,
            Print(0, 201, "P-1", "sleeping\n"), Print(0.5, 202, "P-2", "sleeping\n"), Print(1, 201, "P-2", "awake\n"),
            Print(2.1, 201, "P-1", "awake\n"), Print(2.6, 202, "P-2", "awake\n"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo("less than 2.000s: #1 P-1 (pid 201) print 'sleeping' at +0.000s -> #3 took 1.000s"));

        var ok = CheckOne(Elapsed, Print(0, 201, "P-1", "sleeping\n"), Print(2.5, 201, "P-1", "awake\n"));
        Assert.That(ok, Is.EqualTo(new InvariantOutcome("slow", "min_elapsed", true, "1 pair in 1 process, shortest 2.500s")));
    }

    [Test]
    public void Min_elapsed_fails_when_no_pair_exists()
    {
        var o = CheckOne(Elapsed, Print(0, 201, "P-1", "awake\n"), Print(1, 202, "P-2", "sleeping\n"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("no 'from' event was followed by a 'to' event in its own process: #2 P-2"));
    }

    private const string Quick = """
        {"name": "quick", "max_elapsed": {"from": {"ev": "print", "text": "^waiting"}, "to": {"ev": "print", "text": "^done"}, "seconds": 1}}
        """;

    [Test]
    public void Max_elapsed_passes_when_every_pair_is_within_the_bound_naming_the_longest()
    {
        var o = CheckOne(Quick,
            Print(0, 201, "P-1", "waiting\n"), Print(0.2, 202, "P-2", "waiting\n"), Print(0.5, 201, "P-1", "done\n"),
            Print(1.1, 202, "P-2", "done\n"));
        Assert.That(o, Is.EqualTo(new InvariantOutcome("quick", "max_elapsed", true, "2 pairs in 2 processes, longest 0.900s")));
    }

    [Test]
    public void Max_elapsed_fails_naming_every_pair_that_took_too_long()
    {
        // Every pair counts: one slow pair among quick ones fails the invariant; a 'to' of another process is no pair.
        var o = CheckOne(Quick,
            Print(0, 201, "P-1", "waiting\n"), Print(0.1, 202, "P-2", "done\n"), Print(0.4, 201, "P-1", "done\n"),
            Print(1, 201, "P-1", "waiting\n"), Print(2.5, 201, "P-1", "done\n"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo("more than 1.000s: #4 P-1 (pid 201) print 'waiting' at +1.000s -> #5 took 1.500s"));
    }

    [Test]
    public void Max_elapsed_needs_at_least_one_pair()
    {
        var o = CheckOne(Quick, Print(0, 201, "P-1", "done\n"), Print(1, 202, "P-2", "waiting\n"));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith("no 'from' event was followed by a 'to' event in its own process: #2 P-2"));

        var none = CheckOne(Quick, Print(0, 201, "P-1", "waiting\n"));
        Assert.That(none.Detail, Is.EqualTo("no event matched {ev: 'print', text: '^done'}"));
    }

    [Test]
    public void A_bound_exactly_met_holds_for_both_elapsed_kinds()
    {
        string[] lines = [Print(0, 201, "P-1", "waiting\n"), Print(1, 201, "P-1", "done\n")];
        Assert.That(CheckOne(Quick, lines).Passed, Is.True);
        Assert.That(CheckOne(Quick.Replace("max_elapsed", "min_elapsed", StringComparison.Ordinal), lines).Passed, Is.True);
    }

    [Test]
    public void Selectors_match_globs_main_op_lists_results_and_errors()
    {
        var trace = Build(Meta(), Raise(0.1, 201, "SpawnPoolWorker-1", "q", "get", "Empty"), Return(0.2, 100, Main, "q", "qsize", "0"));
        bool M(string json) => Conformance.Harness.Scenarios.Internal.RuleReader.Selector(System.Text.Json.Nodes.JsonNode.Parse(json)).Select(trace).Count > 0;
        Assert.Multiple(() =>
        {
            Assert.That(M("""{"process": "*PoolWorker-?", "error": "Empty"}"""), Is.True);
            Assert.That(M("""{"process": "main", "op": ["get", "qsize"], "result": "0"}"""), Is.True);
            Assert.That(M("""{"process": "main", "op": "get"}"""), Is.False);
            Assert.That(M("""{"process": "Main"}"""), Is.False);
            Assert.That(M("""{"text": "."}"""), Is.False);
        });
    }
}
