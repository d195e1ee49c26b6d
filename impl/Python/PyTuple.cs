using System.Collections.Generic;

namespace Multiprocessing.Python;

/// <summary>A Python tuple: immutable, printed with parentheses.</summary>
public sealed record PyTuple(IReadOnlyList<object?> Items);
