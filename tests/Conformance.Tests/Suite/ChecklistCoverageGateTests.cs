using Conformance.Harness.Reports;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Suite;

/// <summary>
/// Issue 11, item 7: every deterministic checklist item of the primitives Process, Queue (with SimpleQueue),
/// JoinableQueue, Event, Lock, RLock, Condition and Semaphore/BoundedSemaphore (sections 1–8) is covered by a
/// scenario's <c>covers:</c> or listed, with its reason, in <c>scenarios/uncoverable.txt</c>.
/// </summary>
public sealed class ChecklistCoverageGateTests
{
    private static readonly int[] GatedSections = [1, 2, 3, 4, 5, 6, 7, 8];

    [Test]
    public void Every_deterministic_item_of_the_core_primitives_is_covered_or_uncoverable()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "scenarios");
        var scenarios = ScenarioLoader.Discover(root).Select(f => ScenarioLoader.Load(root, f)).ToList();
        var coverage = Coverage.Of(new Harness.Running.SuitePaths(RepositoryRoot.Find()), scenarios)
            ?? throw new AssertionException($"{SemanticsChecklist.Where} is missing");
        var gated = coverage.Entries.Where(e => GatedSections.Contains(e.Item.SectionNumber)).ToList();
        Assert.That(gated.Select(e => e.Item.Section).Distinct().Count(), Is.EqualTo(GatedSections.Length), "a gated section has no item: did the checklist's headings change?");
        var gaps = gated.Where(e => e.IsGap).Select(e => $"{e.Item.Id} ({e.Item.Section}): {e.Item.Summary}").ToList();
        Assert.That(gaps, Is.Empty,
            $"{gaps.Count} deterministic item(s) of sections 1-8 are neither covered by a scenario's covers: nor listed in {UncoverableList.Where}:\n  "
            + string.Join("\n  ", gaps));
    }
}
