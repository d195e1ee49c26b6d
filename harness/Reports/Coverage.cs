using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Reports;

/// <summary>
/// Which items of the CPython semantics checklist the scenarios pin (their <c>covers:</c>), which are uncoverable here
/// (<c>scenarios/uncoverable.txt</c>) and which deterministic ones no scenario covers: what <c>run --coverage</c>,
/// the <c>coverage</c> command, the JSON report and the HTML report show.
/// </summary>
public sealed class Coverage
{
    private Coverage(IReadOnlyList<CoverageEntry> entries, int scenarioCount)
    {
        Entries = entries;
        ScenarioCount = scenarioCount;
    }

    /// <summary>Every checklist item, in the checklist's order.</summary>
    public IReadOnlyList<CoverageEntry> Entries { get; }

    /// <summary>How many scenarios were considered (those selected for a run, or the whole suite).</summary>
    public int ScenarioCount { get; }

    /// <summary>The deterministic items neither covered nor uncoverable.</summary>
    public IReadOnlyList<CoverageEntry> Gaps => [.. Entries.Where(e => e.IsGap)];

    /// <summary>The coverage of <paramref name="checklist"/> by <paramref name="scenarios"/>.</summary>
    public static Coverage Build(SemanticsChecklist checklist, UncoverableList uncoverable, IEnumerable<Scenario> scenarios)
    {
        var considered = scenarios.ToList();
        var byItem = considered
            .SelectMany(s => s.Covers.Select(id => (Id: id, Scenario: s.Id)))
            .GroupBy(x => x.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var entries = checklist.Items
            .Select(item => new CoverageEntry(item, byItem.TryGetValue(item.Id, out var ids) ? ids : [], uncoverable.ReasonFor(item.Id)))
            .ToList();
        return new Coverage(entries, considered.Count);
    }

    /// <summary>
    /// The coverage of the suite at <paramref name="paths"/> by <paramref name="scenarios"/>, or null when the suite
    /// has no checklist (a throw-away suite).
    /// </summary>
    /// <exception cref="ScenarioValidationException">The checklist or <c>uncoverable.txt</c> is invalid.</exception>
    public static Coverage? Of(SuitePaths paths, IEnumerable<Scenario> scenarios) =>
        SemanticsChecklist.Of(paths.Scenarios) is { } checklist
            ? Build(checklist, UncoverableList.Of(paths.Scenarios, checklist), scenarios)
            : null;

    /// <summary>Only the entries of the sections <paramref name="keep"/> selects, with the same scenario count.</summary>
    public Coverage Where(Func<CoverageEntry, bool> keep) => new([.. Entries.Where(keep)], ScenarioCount);

    /// <summary>One summary per section, in order: <c>2. Queue: 19 items, 16 deterministic, 12 covered, 1 uncoverable, 0 uncovered</c>.</summary>
    public IReadOnlyList<string> SectionSummaries() =>
    [
        .. Entries.GroupBy(e => e.Item.Section).Select(g =>
            $"{g.Key}: {g.Count()} items, {g.Count(e => e.Item.Deterministic)} deterministic, {g.Count(e => e.Status == "covered")} covered, " +
            $"{g.Count(e => e.Status == "uncoverable")} uncoverable, {g.Count(e => e.IsGap)} uncovered"),
    ];
}
