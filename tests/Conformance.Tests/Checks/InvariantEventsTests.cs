using Conformance.Harness.Checks;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

/// <summary>A failing invariant names the trace indices of its events (<see cref="InvariantOutcome.Events"/>), which the HTML report highlights.</summary>
public sealed class InvariantEventsTests
{
    private const string Main = "MainProcess";

    private static InvariantOutcome CheckOne(string invariantJson, params string[] lines) =>
        InvariantChecker.Check(Invariants($$$"""{"invariants": [{{{invariantJson}}}]}"""), Build([Meta(), .. lines])).Single();

    [Test]
    public void Before_names_the_early_then_event_and_the_first_event_it_should_have_followed()
    {
        var o = CheckOne("""{"name": "b", "before": {"first": {"ev": "call", "op": "set"}, "then": {"ev": "return", "op": "wait"}}}""",
            Return(0.1, 201, "Process-1", "e", "wait", "True"), Call(0.2, 100, Main, "e", "set"), Return(0.3, 202, "Process-2", "e", "wait", "True"));

        Assert.That(o.Passed, Is.False);
        Assert.That(o.Events, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Program_order_names_both_events_of_each_inversion()
    {
        var o = CheckOne("""{"name": "o", "program_order": [{"ev": "print", "text": "^a"}, {"ev": "print", "text": "^b"}]}""",
            Print(0.1, 100, Main, "b\n"), Print(0.2, 100, Main, "a\n"), Print(0.3, 201, "P-1", "a\n"), Print(0.4, 201, "P-1", "b\n"));

        Assert.That(o.Passed, Is.False);
        Assert.That(o.Events, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Mutual_exclusion_names_the_enter_and_the_stay_it_overlapped()
    {
        var o = CheckOne("""{"name": "m", "mutual_exclusion": {"enter": {"ev": "return", "op": "acquire"}, "exit": {"ev": "call", "op": "release"}}}""",
            Return(0.1, 201, "P-1", "lock", "acquire", "True"), Return(0.2, 202, "P-2", "lock", "acquire", "True"),
            Call(0.3, 201, "P-1", "lock", "release"), Call(0.4, 202, "P-2", "lock", "release"));

        Assert.That(o.Passed, Is.False);
        Assert.That(o.Events, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void Count_names_the_events_it_counted()
    {
        var o = CheckOne("""{"name": "c", "count": {"of": {"ev": "print"}, "equals": 1}}""", Print(0.1, 100, Main, "x\n"), Print(0.2, 100, Main, "y\n"));

        Assert.That(o.Events, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void A_pass_names_no_events()
    {
        var o = CheckOne("""{"name": "c", "count": {"of": {"ev": "print"}, "equals": 2}}""", Print(0.1, 100, Main, "x\n"), Print(0.2, 100, Main, "y\n"));

        Assert.That(o.Passed, Is.True);
        Assert.That(o.Events, Is.Empty);
    }
}
