using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// An invariant's selector, parsed once at validation: which trace events it picks (all given keys must match).
/// <c>process</c> is a compiled whole-name glob (<c>main</c> is MainProcess), <c>text</c> a compiled regex on a print's
/// text without its final newline; the other keys compare exactly. Matching is in <c>Checks</c> (<c>Selection</c>).
/// </summary>
/// <param name="Process">The process-name glob as a regex, or null.</param>
/// <param name="Ev">The event kind, or null.</param>
/// <param name="Obj">The object label, or null.</param>
/// <param name="Ops">The method names (any of), or null.</param>
/// <param name="Text">The regex on a print's text, or null.</param>
/// <param name="Result">The exact repr of a return value, or null.</param>
/// <param name="Error">The exception type name, or null.</param>
/// <param name="Source">The selector as written, e.g. <c>{process: 'main', ev: 'print'}</c>, for messages.</param>
public sealed record EventSelector(
    Regex? Process,
    string? Ev,
    string? Obj,
    IReadOnlyList<string>? Ops,
    Regex? Text,
    string? Result,
    string? Error,
    string Source)
{
    /// <summary>The selector as written.</summary>
    public override string ToString() => Source;
}
