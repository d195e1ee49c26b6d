using System;
using System.Buffers.Binary;
using System.Collections;
using System.IO;
using System.Numerics;
using System.Text;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// Writes a manager's messages as CPython's pickle, protocol 2 (what <c>pickle.Pickler(f, 2)</c> emits, so every
/// CPython since 2.3 reads it): plain data (None, bool, int, float, str, bytes, tuple, list, dict, set), exceptions as
/// <c>builtins.KeyError(*args)</c> (REDUCE), <see cref="Token"/> as NEWOBJ + BUILD of
/// <c>multiprocessing.managers.Token</c>, and a proxy as <c>RebuildProxy(ProxyType, token, 'pickle', kwds)</c>. A .NET
/// value CPython has no type for (an interpreter's instance) travels as impl's own pickle inside
/// <c>multiprocessing_impl.Pickled(bytes)</c>, which only impl reads (CPython fails to import it, as it would any
/// class it lacks).
/// </summary>
internal sealed class WirePickleWriter
{
    private readonly MemoryStream _out = new();
    private int _depth;

    public static byte[] Dumps(object? value)
    {
        var w = new WirePickleWriter();
        w._out.WriteByte(0x80); // PROTO 2
        w._out.WriteByte(2);
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
            case PyTuple t: SaveTuple(t.Items); return;
            case object?[] tuple: SaveTuple(tuple); return;
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
            case PySet set:
                // pickle.py's save_set below protocol 4: set(list), a REDUCE of builtins.set.
                Global("builtins", "set");
                SaveList(set.Items());
                _out.WriteByte(0x85); // TUPLE1
                Op('R');
                return;
            case Token token:
                Global("multiprocessing.managers", "Token");
                Op(')');
                _out.WriteByte(0x81); // NEWOBJ
                SaveTuple([token.Typeid, token.Address, token.Id]);
                Op('b'); // BUILD
                return;
            case BaseProxy proxy:
                SaveProxy(proxy);
                return;
            case Exception e:
                SaveException(e);
                return;
            case IDictionary dict:
                Op('}');
                if (dict.Count == 0) return;
                Op('(');
                foreach (DictionaryEntry kv in dict)
                {
                    Save(kv.Key);
                    Save(kv.Value);
                }
                Op('u');
                return;
            case IList list: SaveList(list); return;
        }
        // Anything else: impl's own format, which only an impl peer can open (and which itself writes only allowed types).
        var inner = Pickler.Dumps(v);
        Global("multiprocessing_impl", "Pickled");
        SaveBytes(inner);
        _out.WriteByte(0x85);
        Op('R');
    }

    private void SaveProxy(BaseProxy proxy)
    {
        // BaseProxy.__reduce__: (RebuildProxy, (type(self) or AutoProxy, token, serializer, kwds)); the authkey is never sent.
        Global("multiprocessing.managers", "RebuildProxy");
        Op('(');
        Global("multiprocessing.managers", proxy.IsAuto ? "AutoProxy" : proxy.ProxyTypeName);
        Save(proxy.Token);
        SaveStr("pickle");
        var kwds = new PyDict();
        if (proxy.IsAuto) kwds["exposed"] = new PyTuple(System.Linq.Enumerable.ToArray<object?>(proxy.Exposed));
        Save(kwds);
        Op('t');
        Op('R');
    }

    private void SaveException(Exception e)
    {
        var (module, name) = WireExceptions.GlobalOf(e);
        Global(module, name);
        SaveTuple(WireExceptions.ArgsOf(e));
        Op('R');
    }

    private void Global(string module, string name)
    {
        Op('c');
        var text = Encoding.ASCII.GetBytes(module + "\n" + name + "\n");
        _out.Write(text);
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
        var data = x.ToByteArray();
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
        Op('X'); // BINUNICODE: protocol 2 has no short form
        WriteLength32(data.Length);
        _out.Write(data);
    }

    private void SaveBytes(byte[] data)
    {
        // Protocol 2 has no bytes opcode: pickle.py writes _codecs.encode(latin-1 text, 'latin1').
        Global("_codecs", "encode");
        var latin1 = new StringBuilder(data.Length);
        foreach (var b in data) latin1.Append((char)b);
        SaveStr(latin1.ToString());
        SaveStr("latin1");
        _out.WriteByte(0x86); // TUPLE2
        Op('R');
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

    private void WriteLength32(int n)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, n);
        _out.Write(b);
    }
}
