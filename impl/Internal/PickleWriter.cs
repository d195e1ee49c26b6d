using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Multiprocessing.Internal;

/// <summary>Writes the pickle-analogue format (see <see cref="Pickler"/>).</summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _w;
    private readonly Dictionary<object, int> _memo = new(ReferenceEqualityComparer.Instance);

    public PickleWriter(List<int>? spawn)
    {
        _w = new BinaryWriter(_stream);
        SpawnFds = spawn;
    }

    /// <summary>Non-null while pickling for a child being spawned: fds the child must inherit.</summary>
    public List<int>? SpawnFds { get; }

    public byte[] ToArray()
    {
        _w.Flush();
        return _stream.ToArray();
    }

    public void WriteString(string s) => _w.Write(s);

    public void WriteInt(int i) => _w.Write(i);

    public void WriteBool(bool b) => _w.Write(b);

    public void WriteCode(byte code) => _w.Write(code);

    public void WriteType(Type t)
    {
        var code = PickleCodes.TypeCode(t);
        _w.Write(code);
        switch (code)
        {
            case PickleCodes.TArray:
                WriteType(t.GetElementType()!);
                break;
            case PickleCodes.TList:
                WriteType(t.GetGenericArguments()[0]);
                break;
            case PickleCodes.TDict:
                WriteType(t.GetGenericArguments()[0]);
                WriteType(t.GetGenericArguments()[1]);
                break;
            case PickleCodes.TUser:
                if (!Pickler.IsAllowed(t) && !typeof(Process).IsAssignableFrom(t))
                    throw new PicklingError(
                        $"Can't pickle {t.FullName}: the type is not allowed; mark it [Picklable] or call Pickler.Allow<{t.Name}>() before sending it");
                WriteTypeName(t);
                break;
        }
    }

    public void WriteTypeName(Type t)
    {
        _w.Write(t.AssemblyQualifiedName!);
        _w.Write(t.Assembly.Location);
    }

    public void WriteValue(object? v)
    {
        switch (v)
        {
            case null: _w.Write(PickleCodes.VNull); return;
            case bool b: _w.Write(b ? PickleCodes.VTrue : PickleCodes.VFalse); return;
            case int i: _w.Write(PickleCodes.VInt); _w.Write(i); return;
            case long l: _w.Write(PickleCodes.VLong); _w.Write(l); return;
            case double d: _w.Write(PickleCodes.VDouble); _w.Write(d); return;
            case string s: _w.Write(PickleCodes.VString); _w.Write(s); return;
            case byte[] bytes: _w.Write(PickleCodes.VBytes); _w.Write(bytes.Length); _w.Write(bytes); return;
            case char c: _w.Write(PickleCodes.VChar); _w.Write(c); return;
            case float f: _w.Write(PickleCodes.VFloat); _w.Write(f); return;
            case byte by: _w.Write(PickleCodes.VByte); _w.Write(by); return;
            case short sh: _w.Write(PickleCodes.VShort); _w.Write(sh); return;
            case uint ui: _w.Write(PickleCodes.VUInt); _w.Write(ui); return;
            case ulong ul: _w.Write(PickleCodes.VULong); _w.Write(ul); return;
            case decimal m: _w.Write(PickleCodes.VDecimal); _w.Write(m); return;
            case Python.IPyUnpicklable u: throw u.PicklingError(); // CPython's own text (a lambda, a generator)
            case IShareable sh2: WriteShareable(sh2); return;
            case BaseProxy proxy: Managers.ProxyPickling.Write(this, proxy); return;
            case Enum e:
                _w.Write(PickleCodes.VEnum);
                WriteType(e.GetType());
                _w.Write(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case Delegate del:
                throw new PicklingError($"Can't pickle {del.Method.DeclaringType?.Name}.{del.Method.Name}: delegates cannot be sent to another process; pass data instead");
        }

        var t = v.GetType();
        if (t.IsArray)
        {
            var arr = (Array)v;
            if (arr.Rank != 1) throw new PicklingError($"Can't pickle {t}: only one-dimensional arrays are supported");
            _w.Write(PickleCodes.VArray);
            WriteType(t.GetElementType()!);
            _w.Write(arr.Length);
            foreach (var item in arr) WriteValue(item);
            return;
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)v;
            _w.Write(PickleCodes.VList);
            WriteType(t.GetGenericArguments()[0]);
            _w.Write(list.Count);
            foreach (var item in list) WriteValue(item);
            return;
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var dict = (IDictionary)v;
            _w.Write(PickleCodes.VDict);
            WriteType(t.GetGenericArguments()[0]);
            WriteType(t.GetGenericArguments()[1]);
            _w.Write(dict.Count);
            foreach (DictionaryEntry kv in dict)
            {
                WriteValue(kv.Key);
                WriteValue(kv.Value);
            }
            return;
        }

        _w.Write(PickleCodes.VObject);
        WriteType(t);
        WriteFields(v, t, stopAt: null);
    }

    /// <summary>Writes the instance fields of <paramref name="t"/> and its bases, stopping before <paramref name="stopAt"/>.</summary>
    public void WriteFields(object v, Type t, Type? stopAt)
    {
        var fields = PickleCodes.Fields(t, stopAt);
        _w.Write(fields.Count);
        foreach (var f in fields)
        {
            _w.Write(f.DeclaringType!.Name + "." + f.Name);
            WriteValue(f.GetValue(v));
        }
    }

    private void WriteShareable(IShareable s)
    {
        if (SpawnFds is null) throw Errors.InheritanceOnly(s.ShareKind);
        if (_memo.TryGetValue(s, out var index))
        {
            _w.Write(PickleCodes.VMemo);
            _w.Write(index);
            return;
        }
        _memo[s] = _memo.Count;
        _w.Write(PickleCodes.VShared);
        _w.Write(s.ShareKind);
        s.WriteState(this);
    }
}
