using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// What CPython's <c>multiprocessing.Value</c> returns: a <see cref="Synchronized"/> wrapper, or with
/// <c>lock: false</c> the raw ctypes object (<see cref="RawValue"/>). Both have <see cref="Value"/>.
/// </summary>
public abstract class SharedValue : IPyObject
{
    private protected SharedValue() { }

    /// <summary>CPython's <c>value</c>: an int (<c>long</c>, a <c>BigInteger</c> past 2**63 for 'L'/'Q'), a float (<c>double</c>), or for 'c' a one-byte <c>byte[]</c>.</summary>
    public abstract object Value { get; set; }

    /// <summary>CPython's <c>get_lock()</c>; a raw value has none: <c>AttributeError: 'c_int' object has no attribute 'get_lock'</c>.</summary>
    public virtual SemLockBase GetLock() => throw PyErrors.NoAttribute(this, "get_lock");

    /// <summary>CPython's <c>get_obj()</c>: the raw value a wrapper holds (a raw value has no get_obj).</summary>
    public virtual RawValue GetObj() => throw PyErrors.NoAttribute(this, "get_obj");

    /// <summary>The value as a C# long (an int typecode).</summary>
    public long AsLong() => (long)Value;

    /// <inheritdoc />
    public abstract string PyRepr();

    /// <inheritdoc />
    public abstract string PyTypeName { get; }

    /// <inheritdoc />
    public string PyTypeModule => "multiprocessing.sharedctypes";

    /// <summary>CPython's repr.</summary>
    public override string ToString() => PyRepr();
}
