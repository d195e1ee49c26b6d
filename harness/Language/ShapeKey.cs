namespace Conformance.Harness.Language;

/// <summary>One key of a map in the language: its name, the kind of value it takes (a type the schema generator knows), and what it means.</summary>
public sealed record ShapeKey(string Name, string Kind, string? Doc);
