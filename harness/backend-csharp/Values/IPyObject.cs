namespace Conformance.Backend.CSharp.Values;

/// <summary>A value with its own Python <c>str</c> and <c>repr</c> (scenario objects, primitives, proxies).</summary>
public interface IPyObject
{
    /// <summary>Python <c>str(self)</c>.</summary>
    string PyStr() => PyRepr();

    /// <summary>Python <c>repr(self)</c>.</summary>
    string PyRepr();
}
