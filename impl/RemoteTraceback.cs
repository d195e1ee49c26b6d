using System;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.pool.RemoteTraceback</c>: the <c>__cause__</c> of an exception that crossed from a
/// worker; its <c>str</c> is the worker's traceback text, <c>\n"""\nTraceback (most recent call last):...\n"""</c>.
/// </summary>
public sealed class RemoteTraceback : Exception, IPyObject
{
    /// <summary>Creates the cause with the worker's traceback text <paramref name="tb"/>.</summary>
    public RemoteTraceback(string tb) : base(tb) => Tb = tb;

    /// <summary>CPython's <c>tb</c> attribute: the text.</summary>
    public string Tb { get; }

    /// <inheritdoc />
    public string PyStr() => Tb;

    /// <inheritdoc />
    public string PyRepr() => "RemoteTraceback(" + Python.PyRepr.Repr(Tb) + ")";
}
