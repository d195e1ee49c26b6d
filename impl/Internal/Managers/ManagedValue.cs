using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// CPython's <c>multiprocessing.managers.Value</c>, the referent of a manager's <c>Value(typecode, value)</c>: a plain
/// holder of one Python value (not shared memory, no type check: the typecode is only shown by its repr).
/// </summary>
internal sealed class ManagedValue(object? typecode, object? value) : IPyObject
{
    public object? Typecode { get; } = typecode;

    public object? Value { get; set; } = value;

    public string PyRepr() => $"Value({Python.PyRepr.Repr(Typecode)}, {Python.PyRepr.Repr(Value)})";

    public string PyTypeName => "Value";
}
