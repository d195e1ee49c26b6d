using System;
using System.Collections.Generic;
using Conformance.Backend.CSharp.Internal;

namespace Conformance.Backend.CSharp;

/// <summary>
/// What a scenario may reach at run time (docs/scenario-authors.md, "What a scenario can and cannot do"): the second
/// line behind the validator, the same structural rules as conformance_runner.py's <c>check_attribute</c>.
/// </summary>
/// <remarks>
/// This interpreter has no reflection to escape through, but it must refuse what the Python runner refuses, or the
/// two would disagree on a document the validator missed. So the three sets are read, like the validator's and the
/// Python runner's, from harness/Language/language.json (embedded); a test still compares all three.
/// </remarks>
public static class Policy
{
    /// <summary>The only attribute names starting with '_' a scenario may read.</summary>
    public static readonly IReadOnlySet<string> ReadableDunders = LanguageFile.PolicySet("readable_dunders");

    /// <summary>The only method names starting with '_' a scenario may call (a user class may define them).</summary>
    public static readonly IReadOnlySet<string> SpecialMethods = LanguageFile.PolicySet("special_methods");

    /// <summary>Public names that reach frames, code or <c>str.format</c>'s attribute walk in CPython; never looked up.</summary>
    public static readonly IReadOnlySet<string> ForbiddenNames = LanguageFile.PolicySet("forbidden_names");

    /// <summary>Refuses an attribute read (or, with <paramref name="write"/>, a write) outside the language.</summary>
    public static void CheckAttribute(string name, bool write = false)
    {
        if (!IsIdentifier(name) || ForbiddenNames.Contains(name) || (name.StartsWith('_') && (write || !ReadableDunders.Contains(name))))
            throw new ScenarioViolation("attribute", name);
    }

    /// <summary>Refuses a method call outside the language.</summary>
    public static void CheckMethod(string name)
    {
        if (!IsIdentifier(name) || ForbiddenNames.Contains(name) || (name.StartsWith('_') && !SpecialMethods.Contains(name)))
            throw new ScenarioViolation("method", name);
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
                return false;
        }
        return true;
    }
}
