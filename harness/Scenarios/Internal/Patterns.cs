using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>How scenario regexes and globs are compiled, so they behave the same on every machine.</summary>
internal static class Patterns
{
    /// <summary>Guards against a catastrophic scenario regex hanging the harness.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>A scenario regex (.NET syntax), culture-invariant, with a match timeout.</summary>
    public static Regex Regex(string pattern) => new(pattern, RegexOptions.CultureInvariant, Timeout);

    /// <summary>A whole-name glob (<c>*</c> any run, <c>?</c> one character) as a regex.</summary>
    public static Regex Glob(string glob) =>
        Regex("^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
}
