using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Multiprocessing.Internal;

/// <summary>Reads the pickle-analogue format; creates only simple, collection and allowed types.</summary>
internal sealed class PickleReader
{
    private readonly BinaryReader _r;
    private readonly List<object> _memo = new();

    public PickleReader(byte[] data, bool spawning)
    {
        _r = new BinaryReader(new MemoryStream(data, writable: false));
        Spawning = spawning;
    }

    /// <summary>True while unpickling a child's bootstrap data: shared objects may be reopened.</summary>
    public bool Spawning { get; }

    public string ReadString() => _r.ReadString();

    public int ReadInt() => _r.ReadInt32();

    public bool ReadBool() => _r.ReadBoolean();

    public Type ReadType()
    {
        var code = _r.ReadByte();
        switch (code)
        {
            case PickleCodes.TArray: return ReadType().MakeArrayType();
            case PickleCodes.TList: return typeof(List<>).MakeGenericType(ReadType());
            case PickleCodes.TDict:
                var k = ReadType();
                return typeof(Dictionary<,>).MakeGenericType(k, ReadType());
            case PickleCodes.TUser:
                var t = ReadTypeName();
                if (!Pickler.IsAllowed(t) && !(Spawning && typeof(Process).IsAssignableFrom(t)))
                    throw new PicklingError(
                        $"refusing to unpickle {t.FullName} in {Mp.Describe()}: the type is not allowed; mark it [Picklable] or call Pickler.Allow<{t.Name}>()");
                return t;
            default:
                return PickleCodes.SimpleType(code) ?? throw new PicklingError($"corrupt pickle: unknown type code {code}");
        }
    }

    public Type ReadTypeName()
    {
        var aqn = _r.ReadString();
        var path = _r.ReadString();
        var t = Type.GetType(aqn, throwOnError: false);
        if (t is null && path.Length > 0 && File.Exists(path))
        {
            var asm = Assembly.LoadFrom(path);
            t = asm.GetType(aqn.Split(", ")[0], throwOnError: false);
        }
        return t ?? throw new PicklingError($"cannot find type '{aqn}' in {Mp.Describe()}; the child must be able to load assembly '{path}'");
    }

    public object? ReadValue()
    {
        var tag = _r.ReadByte();
        switch (tag)
        {
            case PickleCodes.VNull: return null;
            case PickleCodes.VFalse: return false;
            case PickleCodes.VTrue: return true;
            case PickleCodes.VInt: return _r.ReadInt32();
            case PickleCodes.VLong: return _r.ReadInt64();
            case PickleCodes.VDouble: return _r.ReadDouble();
            case PickleCodes.VString: return _r.ReadString();
            case PickleCodes.VBytes: return _r.ReadBytes(_r.ReadInt32());
            case PickleCodes.VChar: return _r.ReadChar();
            case PickleCodes.VFloat: return _r.ReadSingle();
            case PickleCodes.VByte: return _r.ReadByte();
            case PickleCodes.VShort: return _r.ReadInt16();
            case PickleCodes.VUInt: return _r.ReadUInt32();
            case PickleCodes.VULong: return _r.ReadUInt64();
            case PickleCodes.VDecimal: return _r.ReadDecimal();
            case PickleCodes.VEnum:
            {
                var et = ReadType();
                return Enum.ToObject(et, _r.ReadInt64());
            }
            case PickleCodes.VArray:
            {
                var et = ReadType();
                var arr = Array.CreateInstance(et, _r.ReadInt32());
                for (var i = 0; i < arr.Length; i++) arr.SetValue(ReadValue(), i);
                return arr;
            }
            case PickleCodes.VList:
            {
                var lt = typeof(List<>).MakeGenericType(ReadType());
                var list = (IList)Activator.CreateInstance(lt)!;
                var n = _r.ReadInt32();
                for (var i = 0; i < n; i++) list.Add(ReadValue());
                return list;
            }
            case PickleCodes.VDict:
            {
                var kt = ReadType();
                var vt = ReadType();
                var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(kt, vt))!;
                var n = _r.ReadInt32();
                for (var i = 0; i < n; i++)
                {
                    var key = ReadValue()!;
                    dict[key] = ReadValue();
                }
                return dict;
            }
            case PickleCodes.VObject:
            {
                var t = ReadType();
                var obj = RuntimeHelpers.GetUninitializedObject(t);
                ReadFields(obj, t, stopAt: null);
                return obj;
            }
            case PickleCodes.VShared:
            {
                var kind = _r.ReadString();
                if (!Spawning) throw Errors.InheritanceOnly(kind);
                var index = _memo.Count;
                _memo.Add(null!);
                var value = SharedObjects.Rebuild(kind, this);
                _memo[index] = value;
                return value;
            }
            case PickleCodes.VProxy:
                return Managers.ProxyPickling.Read(this);
            case PickleCodes.VMemo:
                return _memo[_r.ReadInt32()];
            default:
                throw new PicklingError($"corrupt pickle: unknown tag {tag}");
        }
    }

    /// <summary>Sets the fields written by <see cref="PickleWriter.WriteFields"/>.</summary>
    public void ReadFields(object obj, Type t, Type? stopAt)
    {
        var fields = PickleCodes.Fields(t, stopAt);
        var n = _r.ReadInt32();
        for (var i = 0; i < n; i++)
        {
            var name = _r.ReadString();
            var value = ReadValue();
            var f = fields.Find(x => x.DeclaringType!.Name + "." + x.Name == name)
                ?? throw new PicklingError($"type {t.FullName} has no field '{name}' in {Mp.Describe()}; parent and child must run the same build");
            f.SetValue(obj, value);
        }
    }
}
