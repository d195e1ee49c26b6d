namespace Conformance.Harness.Scenarios;

/// <summary>One problem found while loading a scenario, at a 1-based line and column of its file.</summary>
/// <param name="File">The scenario file, as it was named to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ScenarioDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary><c>file:line:column: message</c>, the form editors and CI logs turn into links.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
