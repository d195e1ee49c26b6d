using System;
using System.Buffers.Binary;
using System.Collections;
using System.IO;
using System.Numerics;
using System.Text;

namespace Multiprocessing.Internal;

/// <summary>
/// Writes CPython's pickle, protocol 4 (no frames, no memo: both optional), for plain data: null → None, bool, integers
/// and <see cref="BigInteger"/> → int, float/double → float, string/char → str, byte[] → bytes, object?[] → tuple,
/// other IList → list, IDictionary → dict, ISet-like HashSet → set. The opcodes are the ones pickle.py's
/// <c>_Pickler</c> chooses for each value, so CPython's <c>pickle.loads</c> reads them back unchanged.
/// </summary>
internal sealed class PyPickleWriter
{
    private readonly MemoryStream _out = new();
    private int _depth;

    public static byte[] Dumps(object? value)
    {
        var w = new PyPickleWriter();
        w._out.WriteByte(0x80);
        w._out.WriteByte(4);
        w.Save(value);
        w._out.WriteByte((byte)'.');
        return w._out.ToArray();
    }

    private void Op(char c) => _out.WriteByte((byte)c);

    private void Save(object? v)
    {
        if (++_depth > 1000) throw new PicklingError("maximum recursion depth exceeded while pickling an object");
        try
        {
            SaveValue(v);
        }
        finally
        {
            _depth--;
        }
    }

    private void SaveValue(object? v)
    {
        switch (v)
        {
            case null: Op('N'); return;
            case bool b: _out.WriteByte(b ? (byte)0x88 : (byte)0x89); return;
            case int i: SaveInt(i); return;
            case long l: SaveInt(l); return;
            case short s: SaveInt(s); return;
            case sbyte sb: SaveInt(sb); return;
            case byte by: SaveInt(by); return;
            case ushort us: SaveInt(us); return;
            case uint ui: SaveInt(ui); return;
            case ulong ul: SaveBig(ul); return;
            case BigInteger bi: SaveBig(bi); return;
            case double d: SaveFloat(d); return;
            case float f: SaveFloat(f); return;
            case string str: SaveStr(str); return;
            case char c: SaveStr(c.ToString()); return;
            case byte[] bytes: SaveBytes(bytes); return;
            case object?[] tuple: SaveTuple(tuple); return;
            case IDictionary dict: SaveDict(dict); return;
            case IList list: SaveList(list); return;
        }
        var t = v.GetType();
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(System.Collections.Generic.HashSet<>))
        {
            _out.WriteByte(0x8f); // EMPTY_SET
            var any = false;
            foreach (var item in (IEnumerable)v)
            {
                if (!any) Op('(');
                any = true;
                Save(item);
            }
            if (any) _out.WriteByte(0x90); // ADDITEMS
            return;
        }
        throw new PicklingError(
            $"Can't pickle {t.FullName} for a CPython peer: only None, bool, int, float, str, bytes, tuple (object?[]), " +
            "list, dict and set cross PickleFormat.CPython; send plain data or use PickleFormat.Impl between .NET processes");
    }

    private void SaveInt(long x)
    {
        Span<byte> b = stackalloc byte[4];
        if (x is >= 0 and <= 0xff)
        {
            Op('K');
            _out.WriteByte((byte)x);
        }
        else if (x is >= 0 and <= 0xffff)
        {
            Op('M');
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)x);
            _out.Write(b[..2]);
        }
        else if (x is >= int.MinValue and <= int.MaxValue)
        {
            Op('J');
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)x);
            _out.Write(b);
        }
        else
        {
            SaveBig(x);
        }
    }

    private void SaveBig(BigInteger x)
    {
        if (x >= int.MinValue && x <= int.MaxValue)
        {
            SaveInt((long)x);
            return;
        }
        var data = x.ToByteArray(); // little-endian two's complement, minimal: pickle's encode_long
        if (data.Length < 256)
        {
            _out.WriteByte(0x8a); // LONG1
            _out.WriteByte((byte)data.Length);
        }
        else
        {
            _out.WriteByte(0x8b); // LONG4
            WriteLength32(data.Length);
        }
        _out.Write(data);
    }

    private void SaveFloat(double d)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, d);
        Op('G');
        _out.Write(b);
    }

    private void SaveStr(string s)
    {
        var data = Encoding.UTF8.GetBytes(s);
        if (data.Length < 256)
        {
            _out.WriteByte(0x8c); // SHORT_BINUNICODE
            _out.WriteByte((byte)data.Length);
        }
        else
        {
            Op('X');
            WriteLength32(data.Length);
        }
        _out.Write(data);
    }

    private void SaveBytes(byte[] data)
    {
        if (data.Length < 256)
        {
            Op('C');
            _out.WriteByte((byte)data.Length);
        }
        else
        {
            Op('B');
            WriteLength32(data.Length);
        }
        _out.Write(data);
    }

    private void SaveTuple(object?[] items)
    {
        switch (items.Length)
        {
            case 0: Op(')'); return;
            case <= 3:
                foreach (var item in items) Save(item);
                _out.WriteByte((byte)(0x84 + items.Length)); // TUPLE1..TUPLE3
                return;
            default:
                Op('(');
                foreach (var item in items) Save(item);
                Op('t');
                return;
        }
    }

    private void SaveList(IList list)
    {
        Op(']');
        if (list.Count == 0) return;
        Op('(');
        foreach (var item in list) Save(item);
        Op('e');
    }

    private void SaveDict(IDictionary dict)
    {
        Op('}');
        if (dict.Count == 0) return;
        Op('(');
        foreach (DictionaryEntry kv in dict)
        {
            Save(kv.Key);
            Save(kv.Value);
        }
        Op('u');
    }

    private void WriteLength32(int n)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, n);
        _out.Write(b);
    }
}
