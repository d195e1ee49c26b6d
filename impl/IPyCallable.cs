using System;
using System.Collections.Generic;

namespace Multiprocessing;

/// <summary>
/// A picklable callable a <see cref="Pool"/> runs in a worker (CPython pickles a function by reference): an
/// interpreter's function value, or any allowed (<see cref="PicklableAttribute"/>) object. A static-method
/// <see cref="Delegate"/> works too, without this interface.
/// </summary>
public interface IPyCallable
{
    /// <summary>Python <c>self(*args, **kwargs)</c>, run in the worker.</summary>
    object? Call(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs);

    /// <summary>
    /// CPython's error for pickling this callable (a lambda: <c>PicklingError</c>), raised where CPython's pool would
    /// raise it (in the task handler, so it reaches the task's result); null when it pickles.
    /// </summary>
    Exception? PicklingError() => null;
}
