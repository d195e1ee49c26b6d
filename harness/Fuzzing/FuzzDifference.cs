namespace Conformance.Harness.Fuzzing;

/// <summary>A program on which the two interpreters disagree: the generated one, its reduction, and both results of each.</summary>
public sealed record FuzzDifference(
    int Index,
    string OriginalYaml,
    string ReducedYaml,
    ProgramResult Python,
    ProgramResult CSharp,
    ProgramResult ReducedPython,
    ProgramResult ReducedCSharp)
{
    /// <summary>The reduced program and both results, as the report prints them.</summary>
    public string Describe() =>
        $"program #{Index}, reduced:\n  {ReducedYaml.TrimEnd()}\n  cpython: {ReducedPython}\n  csharp:  {ReducedCSharp}";
}
