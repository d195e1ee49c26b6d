namespace Conformance.Harness.Language;

/// <summary>A kind of invariant: a map (<see cref="Body"/>), or a list of at least <see cref="MinItems"/> items of kind <see cref="Items"/>.</summary>
public sealed record InvariantKind(string Name, string Doc, Shape? Body, string? Items, int MinItems);
