using System.Collections.Generic;

namespace Multiprocessing.Python;

/// <summary>
/// A lazy iterable whose items are computed by its owner when iterated (CPython's <c>tp_iter</c> of a <c>map</c> or a
/// generator: the function or the body runs as the loop draws items). <see cref="PyOps.Iterate"/> and
/// <see cref="PyExpr.Contains"/> draw from it.
/// </summary>
public interface IPyIterable
{
    /// <summary>
    /// The items, drawn lazily. <paramref name="context"/> is what the caller of <see cref="PyOps.Iterate"/> passed
    /// (an interpreter running the items' code), or null for the owner's default.
    /// </summary>
    IEnumerable<object?> Iterate(object? context);
}
