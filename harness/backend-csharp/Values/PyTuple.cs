using System.Collections.Generic;

namespace Conformance.Backend.CSharp.Values;

/// <summary>A Python tuple: immutable, printed with parentheses.</summary>
public sealed record PyTuple(IReadOnlyList<object?> Items);
