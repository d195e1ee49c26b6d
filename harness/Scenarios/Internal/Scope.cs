namespace Conformance.Harness.Scenarios.Internal;

/// <summary>The names visible in one body (main, a function or a method), with Python's function scoping.</summary>
/// <param name="Names">Everything defined: locals bound anywhere in the body, parameters, module functions and classes, built-ins.</param>
/// <param name="Locals">Parameters and names bound in the body; they shadow module functions and classes.</param>
/// <param name="Types">Variables whose type is statically obvious: bound once, by <c>new: T</c> (and <c>self</c> in a method).</param>
/// <param name="IsCallable">Whether <c>return</c> is allowed (a function or method body, not main).</param>
internal sealed record Scope(IReadOnlySet<string> Names, IReadOnlySet<string> Locals, IReadOnlyDictionary<string, string> Types, bool IsCallable)
{
    /// <summary>The body's <c>global</c> names (every module variable in main, which is module level): <c>del</c> may unbind them.</summary>
    public IReadOnlySet<string> Declared { get; init; } = new HashSet<string>();
}
