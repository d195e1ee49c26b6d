namespace Conformance.Harness.Fuzzing;

/// <summary>What a program did on one interpreter: its printed text and its uncaught error (<c>Type: message</c>), or null.</summary>
public sealed record ProgramResult(string Output, string? Error)
{
    /// <summary>Both parts, as a reader of a report wants them.</summary>
    public override string ToString() => $"output {System.Text.Json.JsonSerializer.Serialize(Output)}, error {(Error is null ? "none" : System.Text.Json.JsonSerializer.Serialize(Error))}";
}
