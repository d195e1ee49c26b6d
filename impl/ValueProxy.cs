using System.Collections.Generic;

namespace Multiprocessing;

/// <summary>CPython's <c>ValueProxy</c> (<c>Manager().Value(typecode, value)</c>): get/set of a plain value held by the server; reads are copies.</summary>
public sealed class ValueProxy : BaseProxy
{
    internal ValueProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "ValueProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>get()</c>.</summary>
    public object? Get() => CallMethod("get");

    /// <summary><c>set(value)</c>.</summary>
    public void Set(object? value) => CallMethod("set", A(value));

    /// <summary>The <c>value</c> property: each read and each write is one request (so <c>v.Value += 1</c> is not atomic: hold a lock).</summary>
    public object? Value
    {
        get => Get();
        set => Set(value);
    }
}
