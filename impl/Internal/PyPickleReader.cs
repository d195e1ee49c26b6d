using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Text;
using Multiprocessing.Python;

namespace Multiprocessing.Internal;

/// <summary>
/// Reads CPython's pickle (pickle.py's <c>_Unpickler</c>; protocols 2–5, the binary opcodes): None, bool, int (long,
/// or BigInteger beyond 64 bits), float (double), str, bytes/bytearray (byte[]), list (List&lt;object?&gt;), and tuple,
/// dict, set/frozenset as object?[], Dictionary&lt;object, object?&gt;, HashSet&lt;object?&gt; (plain .NET) or as
/// <see cref="PyTuple"/>, <see cref="PyDict"/>, <see cref="PySet"/> (Python's value model). A stack machine (no
/// recursion, so nesting depth costs heap only). The opcodes that import or call (GLOBAL, STACK_GLOBAL, REDUCE,
/// NEWOBJ, BUILD) go through an <see cref="IPickleGlobals"/> allow-list; without one (a <see cref="Connection"/>) they are
/// refused, and INST, OBJ, EXT*, PERSID, ... always are, before anything is done with them.
/// </summary>
internal sealed class PyPickleReader
{
    private const string PlainDataRefusal =
        "a CPython peer may send only None, bool, int, float, str, bytes, tuple, list, dict, set and frozenset (nothing that " +
        "imports or calls); send plain data, or exchange raw bytes with send_bytes/RecvBytes";

    private readonly byte[] _data;
    private readonly IPickleGlobals? _globals;
    private readonly bool _pyModel;
    private int _pos;
    private readonly List<object?> _stack = new();
    private readonly List<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = new();

    private PyPickleReader(byte[] data, IPickleGlobals? globals, bool pyModel)
    {
        _data = data;
        _globals = globals;
        _pyModel = pyModel;
    }

    /// <summary>Plain data only, as plain .NET values (what <see cref="Connection"/> receives in <see cref="PickleFormat.CPython"/>).</summary>
    public static object? Loads(byte[] data) => new PyPickleReader(data, null, pyModel: false).Load();

    /// <summary>
    /// The value in <paramref name="data"/> in Python's value model (<see cref="PyTuple"/>, <see cref="PyDict"/>,
    /// <see cref="PySet"/>), with the globals <paramref name="globals"/> allows.
    /// </summary>
    public static object? Loads(byte[] data, IPickleGlobals globals) => new PyPickleReader(data, globals, pyModel: true).Load();

    private object? Load()
    {
        while (true)
        {
            if (_pos >= _data.Length) throw new UnpicklingError("pickle data was truncated");
            var op = _data[_pos++];
            switch (op)
            {
                case 0x80: // PROTO
                {
                    var proto = Take(1)[0];
                    if (proto > 5) throw new UnpicklingError($"unsupported pickle protocol: {proto}");
                    break;
                }
                case 0x95: Take(8); break; // FRAME: the data is already all here
                case (byte)'.':
                    if (_stack.Count != 1 || _marks.Count != 0) throw new UnpicklingError("unpickling stack underflow");
                    return _stack[0] is PickleGlobal g && _globals is not null ? throw _globals.Refused(g, "as a value") : _stack[0];
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
                case (byte)')': Push(Tuple(Array.Empty<object?>())); break;
                case 0x85: Push(Tuple(new[] { Pop() })); break;
                case 0x86: { var b = Pop(); var a = Pop(); Push(Tuple(new[] { a, b })); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(Tuple(new[] { a, b, c })); break; }
                case (byte)'t': Push(Tuple(PopMark().ToArray())); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)'l': Push(PopMark()); break;
                case (byte)'a': { var item = Pop(); ListAt().Add(item); break; }
                case (byte)'e': { var items = PopMark(); ListAt().AddRange(items); break; }
                case (byte)'}': Push(NewDict()); break;
                case (byte)'d': { var d = NewDict(); SetItems(d, PopMark()); Push(d); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); SetItems(DictAt(), [k, v]); break; }
                case (byte)'u': { var items = PopMark(); SetItems(DictAt(), items); break; }
                case 0x8f: Push(_pyModel ? new PySet() : new HashSet<object?>()); break; // EMPTY_SET
                case 0x90: // ADDITEMS
                {
                    var items = PopMark();
                    switch (Peek())
                    {
                        case HashSet<object?> set: foreach (var i in items) set.Add(i); break;
                        case PySet set: foreach (var i in items) set.Add(i); break;
                        default: throw new UnpicklingError("ADDITEMS applied to a non-set");
                    }
                    break;
                }
                case 0x91: Push(_pyModel ? PySet.From(null, PopMark()) : new HashSet<object?>(PopMark())); break; // FROZENSET
                case (byte)'(': _marks.Add(_stack.Count); break;
                case (byte)'0': Pop(); break;
                case (byte)'1': PopMark(); break;
                case (byte)'2': Push(Peek()); break;
                case 0x94: _memo[_memo.Count] = Peek(); break; // MEMOIZE
                case (byte)'p': _memo[LineInt()] = Peek(); break; // PUT (text)
                case (byte)'q': _memo[Take(1)[0]] = Peek(); break; // BINPUT
                case (byte)'r': _memo[(uint)Length32Raw()] = Peek(); break; // LONG_BINPUT
                case (byte)'g': Push(Memo(LineInt())); break; // GET (text)
                case (byte)'h': Push(Memo(Take(1)[0])); break; // BINGET
                case (byte)'j': Push(Memo((uint)Length32Raw())); break; // LONG_BINGET
                case (byte)'c' when _globals is not null: // GLOBAL module\nname\n
                {
                    var module = Line();
                    var name = Line();
                    Push(_globals.Find(module, name));
                    break;
                }
                case 0x93 when _globals is not null: // STACK_GLOBAL
                {
                    var name = Pop() as string ?? throw new UnpicklingError("STACK_GLOBAL requires str");
                    var module = Pop() as string ?? throw new UnpicklingError("STACK_GLOBAL requires str");
                    Push(_globals.Find(module, name));
                    break;
                }
                case (byte)'R' when _globals is not null: // REDUCE
                {
                    var args = TupleItems(Pop()) ?? throw new UnpicklingError("REDUCE: the arguments are not a tuple");
                    var callable = Pop() as PickleGlobal ?? throw new UnpicklingError("REDUCE: the callable is not an allowed global");
                    Push(_globals.Reduce(callable, args));
                    break;
                }
                case 0x81 when _globals is not null: // NEWOBJ
                {
                    var args = TupleItems(Pop()) ?? throw new UnpicklingError("NEWOBJ expected an arg tuple.");
                    var cls = Pop() as PickleGlobal ?? throw new UnpicklingError("NEWOBJ class argument isn't a type object");
                    Push(_globals.NewObj(cls, args));
                    break;
                }
                case (byte)'b' when _globals is not null: // BUILD
                {
                    var state = Pop();
                    _globals.Build(Peek(), state);
                    break;
                }
                default:
                    throw new UnpicklingError(
                        $"refusing pickle opcode {PyBytes.Repr([op])} at offset {_pos - 1} in {Mp.Describe()}: " +
                        (_globals?.OpcodeRefusal ?? PlainDataRefusal));
            }
        }
    }

    private object Tuple(object?[] items) => _pyModel ? new PyTuple(items) : items;

    private static IReadOnlyList<object?>? TupleItems(object? v) => v switch
    {
        PyTuple t => t.Items,
        object?[] a => a,
        _ => null,
    };

    private object NewDict() => _pyModel ? new PyDict() : new Dictionary<object, object?>();

    private string Line()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0 || end - _pos > 256) throw new UnpicklingError("pickle data was truncated");
        var s = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return s;
    }

    private long LineInt() => long.TryParse(Line(), out var n) ? n : throw new UnpicklingError("bad memo key");

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

    private object DictAt() =>
        Peek() is PyDict or Dictionary<object, object?> ? Peek()! : throw new UnpicklingError("SETITEM(S) applied to a non-dict");

    private static void SetItems(object dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw new UnpicklingError("odd number of items for SETITEMS");
        for (var i = 0; i < items.Count; i += 2)
        {
            if (dict is PyDict py)
                py[items[i]] = items[i + 1];
            else
                ((Dictionary<object, object?>)dict)[items[i] ?? throw new UnpicklingError("a dict keyed by None cannot be represented as Dictionary<object, object?>")] = items[i + 1];
        }
    }

    private object? Memo(long key) =>
        _memo.TryGetValue(key, out var v) ? v : throw new UnpicklingError($"Memo value not found at index {key}");
}
