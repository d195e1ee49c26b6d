namespace Conformance.Harness.Scenarios;

/// <summary>One item of the CPython semantics checklist (<c>docs/reference/cpython-semantics.md</c>), e.g. <c>Q-12 [D,V]</c>.</summary>
/// <param name="Id">The item's id, e.g. <c>P-L1</c>, <c>Q-12</c>, <c>P-TB</c> (a heading item).</param>
/// <param name="Tags">Its own tags (<c>D</c>, <c>T</c>, <c>V</c>, <c>S</c>, <c>P</c>), empty when it has none.</param>
/// <param name="Deterministic">
/// True when its own tags include D, or it has no tags and its heading says <c>[D,V]</c> / <c>(all [D,V])</c>:
/// the items a scenario can pin with a snapshot.
/// </param>
/// <param name="Section">Its top-level section, e.g. <c>2. Queue</c> (<c>General rules</c> before the first).</param>
/// <param name="SectionNumber">The section's number (0 for the general rules).</param>
/// <param name="Summary">Its first sentence, for reports.</param>
/// <param name="Line">1-based line of the item in the checklist.</param>
public sealed record ChecklistItem(string Id, IReadOnlyList<string> Tags, bool Deterministic, string Section, int SectionNumber, string Summary, int Line)
{
    /// <summary>The tags as the checklist writes them, e.g. <c>[D,V]</c>, or empty.</summary>
    public string TagText => Tags.Count == 0 ? "" : $"[{string.Join(",", Tags)}]";
}
