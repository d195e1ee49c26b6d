namespace Conformance.Harness.Language;

/// <summary>A map of the language (a step kind, an operator, an invariant's body, ...): its keys in order and the required ones.</summary>
public sealed record Shape(string Name, string Doc, IReadOnlyList<ShapeKey> Keys, IReadOnlyList<string> Required)
{
    /// <summary>Every key the map may have, in the order messages list them.</summary>
    public IReadOnlyList<string> Allowed { get; } = Keys.Select(k => k.Name).ToArray();

    /// <summary>The key named <paramref name="name"/>.</summary>
    public ShapeKey Key(string name) => Keys.First(k => k.Name == name);
}
