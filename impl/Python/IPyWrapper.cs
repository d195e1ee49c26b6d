namespace Multiprocessing.Python;

/// <summary>
/// A handle that stands for another value (an interpreter's traced handle on a Lock or Queue): the value model sees
/// through it, so <c>handle == x</c>, <c>handle + x</c> or <c>format(handle, spec)</c> act on the wrapped value, as they
/// would in CPython, where the handle does not exist.
/// </summary>
public interface IPyWrapper
{
    /// <summary>The value this handle stands for.</summary>
    object? Wrapped { get; }

    /// <summary>The wrapped value when <paramref name="value"/> is a handle, else the value itself.</summary>
    static object? Unwrap(object? value) => value is IPyWrapper w ? w.Wrapped : value;
}
