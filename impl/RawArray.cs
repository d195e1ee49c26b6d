using System.Collections;
using System.Collections.Generic;
using Multiprocessing.Internal;
using Multiprocessing.Internal.Shared;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.RawArray(typecode, size_or_initializer)</c>: a ctypes array
/// (<c>c_int_Array_3</c>) in shared memory, with no lock.
/// </summary>
public sealed unsafe class RawArray : SharedArray, IShareable
{
    private readonly CType _type;
    private readonly SharedMemory _memory;
    private readonly int _length;

    internal RawArray(string typecode, object sizeOrInitializer)
    {
        _type = CType.Of(typecode);
        List<object?>? items = null;
        switch (IPyWrapper.Unwrap(sizeOrInitializer))
        {
            case bool b:
                _length = b ? 1 : 0;
                break;
            case long or int or System.Numerics.BigInteger:
            {
                var n = PyOps.AsLong(IPyWrapper.Unwrap(sizeOrInitializer));
                if (n < 0) throw new ValueError($"Array length must be >= 0, not {n}");
                if (n > int.MaxValue / _type.Size) throw new PyException("OverflowError", "The '_length_' attribute is too large");
                _length = (int)n;
                break;
            }
            case string s:
                items = [];
                foreach (var r in s.EnumerateRunes()) items.Add(r.ToString());
                _length = items.Count;
                break;
            case IEnumerable e:
                items = [];
                foreach (var item in e) items.Add(item is byte by ? (long)by : item);
                _length = items.Count;
                break;
            default:
                throw PyErrors.TypeError($"object of type '{PyOps.TypeName(sizeOrInitializer)}' has no len()");
        }
        _memory = SharedMemory.Create((long)_length * _type.Size);
        if (items is null) return;
        for (var i = 0; i < items.Count; i++) _type.Write(At(i), items[i]);
    }

    private RawArray(CType type, int length, SharedMemory memory)
    {
        _type = type;
        _length = length;
        _memory = memory;
    }

    /// <summary>The typecode it was made with.</summary>
    public string TypeCode => _type.Code.ToString();

    private byte* At(long i) => _memory.Pointer + (i * _type.Size);

    /// <inheritdoc />
    public override int Length => _length;

    /// <inheritdoc />
    public override object this[long index]
    {
        get => _type.Read(At(Checked(index)));
        set => _type.Write(At(Checked(index)), value);
    }

    private long Checked(long index)
    {
        if (index < 0) index += _length;
        if (index < 0 || index >= _length) throw new PyException("IndexError", "invalid index");
        return index;
    }

    /// <inheritdoc />
    public override object GetSlice(object? start, object? stop, object? step = null)
    {
        var (lo, st, count) = PySlice.Indices(_length, start, stop, step);
        if (_type.Kind == CKind.Char)
        {
            var bytes = new byte[count];
            for (long k = 0; k < count; k++) bytes[k] = *At(lo + (k * st));
            return bytes;
        }
        var list = new List<object?>((int)count);
        for (long k = 0; k < count; k++) list.Add(_type.Read(At(lo + (k * st))));
        return list;
    }

    /// <inheritdoc />
    public override void SetSlice(object? start, object? stop, object? step, IEnumerable values)
    {
        var (lo, st, count) = PySlice.Indices(_length, start, stop, step);
        var items = new List<object?>();
        foreach (var v in values) items.Add(v is byte by ? (long)by : v);
        if (items.Count != count) throw new ValueError("Can only assign sequence of same size");
        for (var k = 0; k < count; k++) _type.Write(At(lo + (k * st)), items[k]);
    }

    /// <inheritdoc />
    public override string PyRepr() => $"<multiprocessing.sharedctypes.{PyTypeName} object at {Python.PyRepr.Address(this)}>";

    /// <inheritdoc />
    public override string PyTypeName => $"{_type.Name}_Array_{_length}";

    string IShareable.ShareKind => "RawArray";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteString(TypeCode);
        writer.WriteInt(_length);
        writer.WriteString(_memory.Name);
    }

    internal static RawArray Rebuild(PickleReader r)
    {
        var type = CType.Of(r.ReadString());
        var length = r.ReadInt();
        if (length < 0) throw new UnpicklingError($"bad array length {length}");
        return new RawArray(type, length, SharedMemory.Open(r.ReadString(), System.Math.Max(8L, (long)length * type.Size)));
    }
}
