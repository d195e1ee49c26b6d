using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal;

/// <summary>What one invariant kind concluded, before it is named.</summary>
internal readonly record struct CheckResult(bool Passed, string Detail)
{
    public static CheckResult Pass(string detail) => new(true, detail);

    public static CheckResult Fail(string detail) => new(false, detail);

    /// <summary>The failure for a selector that matched nothing: an invariant never passes vacuously.</summary>
    public static CheckResult NoMatch(EventSelector selector) => Fail($"no event matched {selector}");
}
