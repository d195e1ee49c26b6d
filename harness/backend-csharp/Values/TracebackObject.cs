using System;
using Multiprocessing;

namespace Conformance.Backend.CSharp.Values;
/// <summary>The traceback passed to <c>__exit__</c>.</summary>
public sealed class TracebackObject : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => $"<traceback object at {ScenarioObject.Address(this)}>";
}
