namespace Conformance.Harness.Language;

/// <summary>The names starting with '_' a scenario may use, and the public names it never may (both interpreters enforce them too).</summary>
public sealed record AttributePolicy(string Doc, IReadOnlySet<string> ReadableDunders, IReadOnlySet<string> SpecialMethods, IReadOnlySet<string> ForbiddenNames);
