namespace Multiprocessing.Python;

/// <summary>
/// A value with its own arithmetic operator methods (CPython's <c>__add__</c>, <c>__mul__</c>, <c>__rmul__</c>), such
/// as a list proxy whose operators run in the manager's server; <see cref="PyOps"/> asks it before reporting an
/// unsupported operand.
/// </summary>
public interface IPyOperand
{
    /// <summary>
    /// <c>self op other</c> (<paramref name="reflected"/> false) or <c>other op self</c> (true) for <paramref name="op"/>
    /// <c>"+"</c> or <c>"*"</c>; false when this value defines no such method (CPython's NotImplemented).
    /// </summary>
    bool TryBinary(string op, object? other, bool reflected, out object? result);
}
