using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// A scenario's <c>output</c> rules, parsed once at validation with their regexes compiled: scrub, then sort, then
/// collapse (docs/scenario-authors.md, "Output normalisation"). <c>Checks.Transcript</c> applies them.
/// </summary>
/// <param name="Scrubs">Per line, in order.</param>
/// <param name="SortGroups">Order-free groups: the lines matching any regex of a group are sorted among their own positions.</param>
/// <param name="Collapse">Runs of identical adjacent lines matching one of these are folded into one.</param>
public sealed record OutputRules(IReadOnlyList<Scrub> Scrubs, IReadOnlyList<IReadOnlyList<Regex>> SortGroups, IReadOnlyList<Regex> Collapse)
{
    /// <summary>No rules: only the built-in scrubs apply.</summary>
    public static OutputRules None { get; } = new([], [], []);

    /// <summary>
    /// <c>stderr</c>: the lines of the run's stderr (every process of the run writes there) matching one of these are
    /// snapshotted, in order, after the same scrubs, as a <c>stderr:</c> block; none (the default) leaves stderr out.
    /// </summary>
    public IReadOnlyList<Regex> Stderr { get; init; } = [];
}

/// <summary>One <c>scrub</c> entry.</summary>
public abstract record Scrub
{
    /// <summary><c>{regex, replace}</c>: every match replaced (.NET substitutions such as <c>$1</c>).</summary>
    public sealed record Pattern(Regex Regex, string Replacement) : Scrub;

    /// <summary><c>{value, token, in}</c>: the whole number <see cref="Value"/> becomes <see cref="Token"/>, on lines matching <see cref="In"/> (all when null).</summary>
    public sealed record Number(ValueExpression Value, string Token, Regex? In) : Scrub;
}
