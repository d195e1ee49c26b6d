using Multiprocessing.Internal;
using Multiprocessing.Internal.Shared;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.RawValue(typecode, value)</c>: a ctypes object (<c>c_int(5)</c>) in shared memory,
/// with no lock. Reads and writes are single aligned loads and stores; a read-modify-write is not atomic.
/// </summary>
public sealed unsafe class RawValue : SharedValue, IShareable
{
    private readonly CType _type;
    private readonly SharedMemory _memory;

    internal RawValue(string typecode, object? value)
    {
        _type = CType.Of(typecode);
        _memory = SharedMemory.Create(_type.Size);
        if (value is not null) _type.Write(_memory.Pointer, value);
    }

    private RawValue(CType type, SharedMemory memory)
    {
        _type = type;
        _memory = memory;
    }

    /// <summary>The typecode it was made with ('i', 'd', ...).</summary>
    public string TypeCode => _type.Code.ToString();

    /// <inheritdoc />
    public override object Value
    {
        get => _type.Read(_memory.Pointer);
        set => _type.Write(_memory.Pointer, value);
    }

    /// <summary>The word itself, for an int typecode of 4 or 8 bytes: callers holding the lock may use Interlocked on it.</summary>
    internal byte* Pointer => _memory.Pointer;

    /// <inheritdoc />
    public override string PyRepr()
    {
        var v = Value;
        var shown = v is byte[] b ? PyBytes.Repr(b) : Python.PyRepr.Repr(v);
        return $"{_type.Name}({shown})";
    }

    /// <inheritdoc />
    public override string PyTypeName => _type.Name;

    string IShareable.ShareKind => "RawValue";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteString(TypeCode);
        writer.WriteString(_memory.Name);
    }

    internal static RawValue Rebuild(PickleReader r)
    {
        var type = CType.Of(r.ReadString());
        return new RawValue(type, SharedMemory.Open(r.ReadString(), type.Size));
    }
}
