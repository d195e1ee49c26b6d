using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;

namespace Multiprocessing.Internal;

/// <summary>Tags of the pickle-analogue format and the type-code mapping.</summary>
internal static class PickleCodes
{
    public const byte VNull = 0, VFalse = 1, VTrue = 2, VInt = 3, VLong = 4, VDouble = 5, VString = 6, VBytes = 7,
        VChar = 8, VFloat = 9, VByte = 10, VShort = 11, VUInt = 12, VULong = 13, VDecimal = 14, VEnum = 15,
        VArray = 20, VList = 21, VDict = 22, VObject = 30, VShared = 40, VMemo = 41;

    public const byte TObject = 0, TBool = 1, TInt = 2, TLong = 3, TDouble = 4, TString = 5, TBytes = 6, TChar = 7,
        TFloat = 8, TByte = 9, TShort = 10, TUInt = 11, TULong = 12, TDecimal = 13,
        TArray = 20, TList = 21, TDict = 22, TUser = 30;

    private static readonly Dictionary<Type, byte> Simple = new()
    {
        [typeof(object)] = TObject, [typeof(bool)] = TBool, [typeof(int)] = TInt, [typeof(long)] = TLong,
        [typeof(double)] = TDouble, [typeof(string)] = TString, [typeof(byte[])] = TBytes, [typeof(char)] = TChar,
        [typeof(float)] = TFloat, [typeof(byte)] = TByte, [typeof(short)] = TShort, [typeof(uint)] = TUInt,
        [typeof(ulong)] = TULong, [typeof(decimal)] = TDecimal,
    };

    private static readonly Dictionary<byte, Type> SimpleBack = new();

    private static readonly ConcurrentDictionary<(Type, Type?), List<FieldInfo>> FieldCache = new();

    static PickleCodes()
    {
        foreach (var (t, c) in Simple) SimpleBack[c] = t;
    }

    public static byte TypeCode(Type t)
    {
        if (Simple.TryGetValue(t, out var c)) return c;
        if (t.IsArray && t.GetArrayRank() == 1) return TArray;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>)) return TList;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return TDict;
        return TUser;
    }

    public static Type? SimpleType(byte code) => SimpleBack.GetValueOrDefault(code);

    public static List<FieldInfo> Fields(Type t, Type? stopAt) => FieldCache.GetOrAdd((t, stopAt), static key =>
    {
        var result = new List<FieldInfo>();
        for (var cur = key.Item1; cur is not null && cur != typeof(object) && cur != key.Item2; cur = cur.BaseType)
        {
            foreach (var f in cur.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                result.Add(f);
            }
        }
        return result;
    });
}
