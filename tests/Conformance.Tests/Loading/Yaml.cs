using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

/// <summary>Loads inline YAML as if it were <c>scenarios/x.yaml</c>.</summary>
internal static class Yaml
{
    public const string Root = "scenarios";
    public const string File = "scenarios/x.yaml";

    public static Scenario Load(string yaml) => ScenarioLoader.Parse(Root, File, yaml);

    /// <summary>The diagnostics of a file that must fail to load, as <c>file:line:column: message</c> lines.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var e = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(Root, File, yaml))!;
        return [.. e.Diagnostics.Select(d => d.ToString())];
    }

    /// <summary>Asserts exactly one diagnostic, at the given position, containing the fragment.</summary>
    public static void SingleError(string yaml, int line, int column, string fragment)
    {
        var errors = Errors(yaml);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join('\n', errors));
        Assert.That(errors[0], Does.StartWith($"{File}:{line}:{column}: "));
        Assert.That(errors[0], Does.Contain(fragment));
    }
}
