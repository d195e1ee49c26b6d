using System;

namespace Multiprocessing;

/// <summary>CPython's <c>AttributeError</c>, e.g. terminate() before start().</summary>
public class AttributeError : InvalidOperationException
{
    /// <summary>Creates an AttributeError with CPython's message text.</summary>
    public AttributeError(string message) : base(message) { }
}
