using System;
using Multiprocessing;

namespace Conformance.Backend.CSharp.Values;
/// <summary><c>type(e)</c> as passed to <c>__exit__</c>.</summary>
public sealed class ExceptionClass(Exception e) : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => PyErrors.ClassRepr(e);
}
