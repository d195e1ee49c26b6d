namespace Conformance.Harness.Language;

/// <summary>A primitive type made with <c>new</c>: CPython's constructor keywords in positional order, its methods and documented attributes.</summary>
public sealed record Primitive(string Name, string Python, string Doc, IReadOnlyList<Keyword> Keywords, IReadOnlyList<string> Methods, IReadOnlyList<string> Attributes);
