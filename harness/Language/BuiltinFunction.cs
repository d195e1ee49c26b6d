namespace Conformance.Harness.Language;

/// <summary>A built-in function scenarios may call: its Python name; <see cref="Arity"/> when the validator checks its argument count.</summary>
public sealed record BuiltinFunction(string Name, string Python, string Doc)
{
    /// <summary>The least and most positional arguments (language.json's <c>arity</c>, "0" or "0-1"), or null when unchecked.</summary>
    public (int Min, int Max)? Arity { get; init; }
}
