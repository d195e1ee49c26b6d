using Conformance.Harness.Checks;
using Conformance.Harness.Snapshots;

namespace Conformance.Tests.Snapshots;

public class SnapshotTextTests
{
    [Test]
    public void Renders_id_output_and_invariant_verdicts_without_details()
    {
        var text = SnapshotText.Render("tutorial/03-event", ["main: waiting", "", "  indented\tx\r"],
            [new InvariantOutcome("set-first", "before", true, "timing 1.2s"), new InvariantOutcome("once", "count", false, "#3 ...")]);
        Assert.That(text, Is.EqualTo(
            "scenario: tutorial/03-event\n" +
            "output:\n" +
            "  main: waiting\n" +
            "  <empty>\n" +
            "    indented\tx\\x0d\n" +
            "invariants:\n" +
            "  pass  set-first (before)\n" +
            "  FAIL  once (count)\n"));
    }

    [Test]
    public void Empty_sections_are_explicit()
    {
        Assert.That(SnapshotText.Render("a/b", [], []), Is.EqualTo("scenario: a/b\noutput: []\ninvariants: []\n"));
    }
}
