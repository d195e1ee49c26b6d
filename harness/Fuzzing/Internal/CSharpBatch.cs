using Conformance.Backend.CSharp;
using CSharpDocument = Conformance.Backend.CSharp.Document;

namespace Conformance.Harness.Fuzzing.Internal;

/// <summary>The C# interpreter in this process (<see cref="BatchRunner"/>): a document's JSON in, its result out.</summary>
internal static class CSharpBatch
{
    private static readonly object Gate = new(); // Interpreter.Current is per process

    public static ProgramResult Run(string documentJson)
    {
        var document = (Dictionary<string, object?>)CSharpDocument.Parse(documentJson)!;
        BatchResult result;
        lock (Gate)
            result = BatchRunner.RunProgram(document);
        if (result.Refused is { } refused)
            throw new InvalidOperationException($"the C# batch runner refused a program: {refused}");
        return new ProgramResult(result.Output, result.Error);
    }
}
