using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Text;

namespace Multiprocessing.Internal;

/// <summary>
/// Reads CPython's pickle (protocols 2–5, the binary opcodes) for plain data only: None, bool, int (long, or
/// BigInteger beyond 64 bits), float (double), str, bytes/bytearray (byte[]), tuple (object?[]), list
/// (List&lt;object?&gt;), dict (Dictionary&lt;object, object?&gt;), set and frozenset (HashSet&lt;object?&gt;). A stack machine
/// (no recursion, so nesting depth costs heap only); every opcode that imports, calls or builds objects (GLOBAL,
/// STACK_GLOBAL, REDUCE, BUILD, NEWOBJ, INST, OBJ, EXT*, PERSID, ...) is refused before anything is done with it.
/// </summary>
internal sealed class PyPickleReader
{
    private static readonly object Mark = new();
    private readonly byte[] _data;
    private int _pos;
    private readonly List<object?> _stack = new();
    private readonly List<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = new();

    private PyPickleReader(byte[] data) => _data = data;

    public static object? Loads(byte[] data) => new PyPickleReader(data).Load();

    private object? Load()
    {
        while (true)
        {
            if (_pos >= _data.Length) throw new UnpicklingError("pickle data was truncated");
            var op = _data[_pos++];
            switch (op)
            {
                case 0x80: Take(1); break; // PROTO
                case 0x95: Take(8); break; // FRAME: the data is already all here
                case (byte)'.':
                    if (_stack.Count != 1 || _marks.Count != 0) throw new UnpicklingError("unpickling stack underflow");
                    return _stack[0];
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'K': Push((long)Take(1)[0]); break;
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case 0x8a: PushLong(Take(Take(1)[0])); break; // LONG1
                case 0x8b: PushLong(Take(Length32())); break; // LONG4
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case 0x8c: Push(Utf8(Take(Take(1)[0]))); break; // SHORT_BINUNICODE
                case (byte)'X': Push(Utf8(Take(Length32()))); break; // BINUNICODE
                case 0x8d: Push(Utf8(Take(Length64()))); break; // BINUNICODE8
                case (byte)'C': Push(Take(Take(1)[0]).ToArray()); break; // SHORT_BINBYTES
                case (byte)'B': Push(Take(Length32()).ToArray()); break; // BINBYTES
                case 0x8e: Push(Take(Length64()).ToArray()); break; // BINBYTES8
                case 0x96: Push(Take(Length64()).ToArray()); break; // BYTEARRAY8
                case (byte)')': Push(Array.Empty<object?>()); break;
                case 0x85: Push(new[] { Pop() }); break;
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
                case (byte)'t': Push(PopMark().ToArray()); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)'l': Push(PopMark()); break;
                case (byte)'a': { var item = Pop(); ListAt().Add(item); break; }
                case (byte)'e': { var items = PopMark(); ListAt().AddRange(items); break; }
                case (byte)'}': Push(new Dictionary<object, object?>()); break;
                case (byte)'d': { var d = new Dictionary<object, object?>(); SetItems(d, PopMark()); Push(d); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); SetItems(DictAt(), [k, v]); break; }
                case (byte)'u': { var items = PopMark(); SetItems(DictAt(), items); break; }
                case 0x8f: Push(new HashSet<object?>()); break; // EMPTY_SET
                case 0x90: // ADDITEMS
                {
                    var items = PopMark();
                    if (Peek() is not HashSet<object?> set) throw new UnpicklingError("ADDITEMS applied to a non-set");
                    foreach (var i in items) set.Add(i);
                    break;
                }
                case 0x91: Push(new HashSet<object?>(PopMark())); break; // FROZENSET
                case (byte)'(': _marks.Add(_stack.Count); break;
                case (byte)'0': Pop(); break;
                case (byte)'1': PopMark(); break;
                case (byte)'2': Push(Peek()); break;
                case 0x94: _memo[_memo.Count] = Peek(); break; // MEMOIZE
                case (byte)'q': _memo[Take(1)[0]] = Peek(); break; // BINPUT
                case (byte)'r': _memo[(uint)Length32Raw()] = Peek(); break; // LONG_BINPUT
                case (byte)'h': Push(Memo(Take(1)[0])); break; // BINGET
                case (byte)'j': Push(Memo((uint)Length32Raw())); break; // LONG_BINGET
                default:
                    throw new UnpicklingError(
                        $"refusing pickle opcode {PyBytes.Repr([op])} at offset {_pos - 1} in {Mp.Describe()}: a CPython peer may send " +
                        "only None, bool, int, float, str, bytes, tuple, list, dict, set and frozenset (nothing that imports or calls); " +
                        "send plain data, or exchange raw bytes with send_bytes/RecvBytes");
            }
        }
    }

    private ReadOnlySpan<byte> Take(long n)
    {
        if (n < 0 || n > _data.Length - _pos) throw new UnpicklingError("pickle data was truncated");
        var s = _data.AsSpan(_pos, (int)n);
        _pos += (int)n;
        return s;
    }

    private int Length32()
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        if (n < 0) throw new UnpicklingError("BINUNICODE/BINBYTES pushing a negative length");
        return n;
    }

    private int Length32Raw() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    private long Length64()
    {
        var n = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return n > (ulong)(_data.Length - _pos) ? -1 : (long)n;
    }

    private static string Utf8(ReadOnlySpan<byte> b)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(b);
        }
        catch (DecoderFallbackException)
        {
            throw new UnpicklingError("'utf-8' codec can't decode a str in the pickle");
        }
    }

    private void PushLong(ReadOnlySpan<byte> b)
    {
        var big = b.Length == 0 ? BigInteger.Zero : new BigInteger(b, isUnsigned: false, isBigEndian: false);
        Push(big >= long.MinValue && big <= long.MaxValue ? (object)(long)big : big);
    }

    private void Push(object? v) => _stack.Add(v);

    private object? Pop()
    {
        var floor = _marks.Count > 0 ? _marks[^1] : 0;
        if (_stack.Count <= floor) throw new UnpicklingError("unpickling stack underflow");
        var v = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private object? Peek()
    {
        var floor = _marks.Count > 0 ? _marks[^1] : 0;
        if (_stack.Count <= floor) throw new UnpicklingError("unpickling stack underflow");
        return _stack[^1];
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw new UnpicklingError("could not find MARK");
        var at = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(at, _stack.Count - at);
        _stack.RemoveRange(at, _stack.Count - at);
        return items;
    }

    private List<object?> ListAt() =>
        Peek() as List<object?> ?? throw new UnpicklingError("APPEND(S) applied to a non-list");

    private Dictionary<object, object?> DictAt() =>
        Peek() as Dictionary<object, object?> ?? throw new UnpicklingError("SETITEM(S) applied to a non-dict");

    private static void SetItems(Dictionary<object, object?> d, List<object?> items)
    {
        if (items.Count % 2 != 0) throw new UnpicklingError("odd number of items for SETITEMS");
        for (var i = 0; i < items.Count; i += 2)
        {
            d[items[i] ?? throw new UnpicklingError("a dict keyed by None cannot be represented as Dictionary<object, object?>")] = items[i + 1];
        }
    }

    private object? Memo(long key) =>
        _memo.TryGetValue(key, out var v) ? v : throw new UnpicklingError($"Memo value not found at index {key}");
}
