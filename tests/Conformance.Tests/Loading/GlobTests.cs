using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Tests.Loading;

/// <summary>Process-name glob intersection, which decides whether a selector's <c>process</c> can match.</summary>
public sealed class GlobTests
{
    [TestCase("Process-*", "Process-1", true)]
    [TestCase("Process-*", "Consumer-*", false)]
    [TestCase("*-1", "Process-*", true)]
    [TestCase("P?x", "Pa*y", false)]
    [TestCase("P?x", "Pa?", true)]
    [TestCase("", "*", true)]
    [TestCase("", "?", false)]
    [TestCase("a*b*c", "*x*", true)]
    [TestCase("abc", "abd", false)]
    [TestCase("MainProcess", "MainProcess", true)]
    public void Intersects(string a, string b, bool expected)
    {
        Assert.That(Glob.Intersects(a, b), Is.EqualTo(expected));
        Assert.That(Glob.Intersects(b, a), Is.EqualTo(expected), "intersection is symmetric");
    }

    [Test]
    public void Long_patterns_do_not_exhaust_the_stack()
    {
        // A recursive walk overflowed the test host's stack on patterns of this size (found by the loader fuzzer).
        var a = new string('*', 50_000) + "x";
        var b = new string('?', 3_000) + "y";
        Assert.That(Glob.Intersects(a, b), Is.False);
        Assert.That(Glob.Intersects(a, b[..^1] + "x"), Is.True);
    }
}
