namespace Conformance.Harness.Scenarios;

/// <summary>A scenario file that cannot be run, with every problem found in it.</summary>
public sealed class ScenarioValidationException : Exception
{
    public ScenarioValidationException(IReadOnlyList<ScenarioDiagnostic> diagnostics)
        : base(string.Join('\n', diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>The problems, ordered by position in the file.</summary>
    public IReadOnlyList<ScenarioDiagnostic> Diagnostics { get; }
}
