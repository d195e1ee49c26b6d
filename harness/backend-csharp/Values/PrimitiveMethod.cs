namespace Conformance.Backend.CSharp.Values;

/// <summary>A primitive's method read as a value (<c>$cond.notify</c>): CPython's bound method, called untraced as CPython's would be.</summary>
/// <param name="Self">The impl object (never its <see cref="Traced"/> handle: calls through the value are not traced).</param>
/// <param name="TypeName">The primitive's type, for the repr.</param>
/// <param name="Method">The method's name.</param>
public sealed record PrimitiveMethod(object Self, string TypeName, string Method) : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => Self is string
        ? $"<built-in method {Method} of str object at {ScenarioObject.Address(this)}>"
        : $"<bound method {TypeName}.{Method} of {Multiprocessing.Python.PyRepr.Repr(Self)}>";
}
