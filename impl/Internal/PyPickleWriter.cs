using System;
using System.Buffers.Binary;
using System.Collections;
using System.IO;
using System.Numerics;
using System.Text;
using Multiprocessing.Python;

namespace Multiprocessing.Internal;

/// <summary>
/// Writes CPython's pickle (pickle.py's <c>_Pickler</c>), protocol 4 (no frames, no memo: both optional) or 2, for plain
/// data: null → None, bool, integers and <see cref="BigInteger"/> → int, float/double → float, string/char → str,
/// byte[] → bytes, object?[] and <see cref="PyTuple"/> → tuple, other IList → list, IDictionary and <see cref="PyDict"/>
/// → dict, HashSet and <see cref="PySet"/> → set. A reducer hook (CPython's <c>reducer_override</c>/<c>copyreg</c>
/// registry) turns any other value into a <see cref="PickleReduction"/>; without one such a value is a
/// <see cref="PicklingError"/>. The opcodes are the ones <c>_Pickler</c> chooses for each value and protocol, so
/// CPython's <c>pickle.loads</c> reads them back unchanged.
/// </summary>
internal sealed class PyPickleWriter
{
    private readonly MemoryStream _out = new();
    private readonly int _protocol;
    private readonly Func<object, PickleReduction?>? _reducer;
    private int _depth;

    private PyPickleWriter(int protocol, Func<object, PickleReduction?>? reducer)
    {
        if (protocol is not (2 or 4)) throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "protocol 2 or 4");
        _protocol = protocol;
        _reducer = reducer;
    }

    /// <summary>Plain data as protocol 4 (what <see cref="Connection"/> sends in <see cref="PickleFormat.CPython"/>).</summary>
    public static byte[] Dumps(object? value) => Dumps(value, 4, null);

    /// <summary>
    /// <paramref name="value"/> as <paramref name="protocol"/> (2 or 4); <paramref name="reducer"/> is asked for every
    /// value that is not a primitive, tuple, PyDict or PySet (before IList/IDictionary/HashSet), and returns null to let
    /// the plain-data rules apply.
    /// </summary>
    public static byte[] Dumps(object? value, int protocol, Func<object, PickleReduction?>? reducer)
    {
        var w = new PyPickleWriter(protocol, reducer);
        w._out.WriteByte(0x80); // PROTO
        w._out.WriteByte((byte)protocol);
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
            case PyTuple t: SaveTuple(t.Items); return;
            case PyDict d:
                Op('}');
                if (d.Count == 0) return;
                Op('(');
                for (var i = 0; i < d.Count; i++)
                {
                    Save(d.Keys[i]);
                    Save(d.Values[i]);
                }
                Op('u');
                return;
            case PySet set: SaveSet(set.Items()); return;
            case PickleGlobal g when _reducer is not null: Global(g); return; // a reduction's class argument
        }
        if (_reducer?.Invoke(v) is { } reduction)
        {
            SaveReduction(reduction);
            return;
        }
        switch (v)
        {
            case IDictionary dict: SaveDict(dict); return;
            case IList list: SaveList(list); return;
        }
        var type = v.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Generic.HashSet<>))
        {
            SaveSet((IEnumerable)v);
            return;
        }
        throw new PicklingError(
            $"Can't pickle {type.FullName} for a CPython peer: only None, bool, int, float, str, bytes, tuple (object?[]), " +
            "list, dict and set cross PickleFormat.CPython; send plain data or use PickleFormat.Impl between .NET processes");
    }

    private void SaveReduction(PickleReduction r)
    {
        Global(r.Callable);
        SaveTuple(r.Args);
        if (r.NewObj) _out.WriteByte(0x81); // NEWOBJ
        else Op('R'); // REDUCE
        if (!r.HasState) return;
        Save(r.State);
        Op('b'); // BUILD
    }

    private void Global(PickleGlobal g)
    {
        Op('c'); // GLOBAL: protocol 2's only form (pickle.py writes STACK_GLOBAL from 4, which reads the same)
        _out.Write(Encoding.ASCII.GetBytes(g.Module + "\n" + g.Name + "\n"));
    }

    private void SaveSet(IEnumerable items)
    {
        if (_protocol < 4)
        {
            // pickle.py's save_set below protocol 4: set(list), a REDUCE of builtins.set.
            var list = new System.Collections.Generic.List<object?>();
            foreach (var item in items) list.Add(item);
            SaveReduction(new PickleReduction(new PickleGlobal("builtins", "set"), [list]));
            return;
        }
        _out.WriteByte(0x8f); // EMPTY_SET
        var any = false;
        foreach (var item in items)
        {
            if (!any) Op('(');
            any = true;
            Save(item);
        }
        if (any) _out.WriteByte(0x90); // ADDITEMS
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
        if (data.Length < 256 && _protocol >= 4)
        {
            _out.WriteByte(0x8c); // SHORT_BINUNICODE (protocol 4)
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
        if (_protocol < 3)
        {
            // Protocol 2 has no bytes opcode: pickle.py writes _codecs.encode(latin-1 text, 'latin1').
            var latin1 = new StringBuilder(data.Length);
            foreach (var b in data) latin1.Append((char)b);
            SaveReduction(new PickleReduction(new PickleGlobal("_codecs", "encode"), [latin1.ToString(), "latin1"]));
            return;
        }
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

    private void SaveTuple(System.Collections.Generic.IReadOnlyList<object?> items)
    {
        switch (items.Count)
        {
            case 0: Op(')'); return;
            case <= 3:
                foreach (var item in items) Save(item);
                _out.WriteByte((byte)(0x84 + items.Count)); // TUPLE1..TUPLE3
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
