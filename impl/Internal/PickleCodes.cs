using System;
using System.Collections.Generic;
using System.Reflection;

namespace Multiprocessing.Internal;

/// <summary>Tags of the pickle-analogue format and the type-code mapping.</summary>
internal static class PickleCodes
{
    public const byte VNull = 0, VFalse = 1, VTrue = 2, VInt = 3, VLong = 4, VDouble = 5, VString = 6, VBytes = 7,
        VChar = 8, VFloat = 9, VByte = 10, VShort = 11, VUInt = 12, VULong = 13, VDecimal = 14, VEnum = 15,
        VArray = 20, VList = 21, VDict = 22, VObject = 30, VShared = 40, VMemo = 41, VProxy = 42;

    public const byte TObject = 0, TBool = 1, TInt = 2, TLong = 3, TDouble = 4, TString = 5, TBytes = 6, TChar = 7,
        TFloat = 8, TByte = 9, TShort = 10, TUInt = 11, TULong = 12, TDecimal = 13,
        TArray = 20, TList = 21, TDict = 22, TUser = 30;

    // Indexed by type code. Plain arrays and reference-keyed dictionaries only: every child runs this code at
    // start-up, and generic instantiations such as Dictionary<Type, byte> are not precompiled anywhere, so each one
    // would cost JIT time in every child process.
    private static readonly Type?[] SimpleBack =
    [
        typeof(object), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(string), typeof(byte[]), typeof(char),
        typeof(float), typeof(byte), typeof(short), typeof(uint), typeof(ulong), typeof(decimal),
    ];

    private static readonly object FieldGate = new();
    private static readonly Dictionary<Type, List<FieldInfo>> FieldCacheAll = new();
    private static readonly Dictionary<Type, List<FieldInfo>> FieldCacheBelowProcess = new();

    public static byte TypeCode(Type t)
    {
        for (var i = 0; i < SimpleBack.Length; i++)
        {
            if (SimpleBack[i] == t) return (byte)i;
        }
        if (t.IsArray && t.GetArrayRank() == 1) return TArray;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>)) return TList;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return TDict;
        return TUser;
    }

    public static Type? SimpleType(byte code) => code < SimpleBack.Length ? SimpleBack[code] : null;

    /// <summary>The instance fields of <paramref name="t"/> and its bases, stopping before <paramref name="stopAt"/> (null or Process).</summary>
    public static List<FieldInfo> Fields(Type t, Type? stopAt)
    {
        var cache = stopAt is null ? FieldCacheAll : stopAt == typeof(Process) ? FieldCacheBelowProcess : null;
        lock (FieldGate)
        {
            if (cache is not null && cache.TryGetValue(t, out var cached)) return cached;
        }
        var result = new List<FieldInfo>();
        for (var cur = t; cur is not null && cur != typeof(object) && cur != stopAt; cur = cur.BaseType)
        {
            foreach (var f in cur.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                result.Add(f);
            }
        }
        if (cache is not null)
        {
            lock (FieldGate) cache[t] = result;
        }
        return result;
    }
}
