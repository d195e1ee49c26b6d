using System;
using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>One typeid of a manager's registry (CPython's <c>_registry[typeid]</c>): how the server makes the referent, what it exposes, the proxy class.</summary>
internal sealed record RegistryEntry(
    string Typeid,
    Func<IReadOnlyList<object?>, PyDict, object?>? Callable,
    IReadOnlyList<string>? Exposed,
    IReadOnlyDictionary<string, string>? MethodToTypeid,
    string ProxyType,
    bool CreateMethod);
