using System.Collections.Generic;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>NamespaceProxy</c> (<c>Manager().Namespace()</c>): attributes live in the server, read back as copies
/// (<c>ns.lst.append(x)</c> changes only the copy); a missing one raises the server's
/// <c>AttributeError: 'Namespace' object has no attribute 'x'</c>. Names starting with <c>_</c> stay on this proxy.
/// </summary>
public sealed class NamespaceProxy : BaseProxy
{
    private readonly Dictionary<string, object?> _local = new(System.StringComparer.Ordinal);

    internal NamespaceProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "NamespaceProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>ns.name</c>.</summary>
    public object? GetAttr(string name)
    {
        if (name.StartsWith('_'))
            return _local.TryGetValue(name, out var v) ? v : throw new AttributeError($"'NamespaceProxy' object has no attribute '{name}'");
        return CallMethod("__getattribute__", A(name));
    }

    /// <summary><c>ns.name = value</c>.</summary>
    public void SetAttr(string name, object? value)
    {
        if (name.StartsWith('_'))
            _local[name] = value;
        else
            CallMethod("__setattr__", A(name, value));
    }

    /// <summary><c>del ns.name</c>.</summary>
    public void DelAttr(string name)
    {
        if (name.StartsWith('_'))
        {
            if (!_local.Remove(name)) throw new AttributeError($"'NamespaceProxy' object has no attribute '{name}'");
        }
        else
        {
            CallMethod("__delattr__", A(name));
        }
    }
}
