using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Text;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// Reads a manager's messages, CPython's pickle protocols 2–5, into Python's value model (<see cref="PyDict"/>,
/// <see cref="PyTuple"/>, <c>List&lt;object?&gt;</c>, <see cref="PySet"/>, long/BigInteger, double, string, byte[]).
/// A stack machine like <see cref="PyPickleReader"/>, plus the few globals a manager needs, matched by name and never
/// imported: <c>multiprocessing.managers</c>' Token, RebuildProxy, the proxy classes, AutoProxy, rebuild_as_list and
/// RemoteError; <c>builtins</c>' set, frozenset, bytearray, bytes, list (a dict view) and the language's exception classes;
/// <c>_codecs.encode</c> (latin-1 only: protocol 2's bytes); <c>_queue.Empty</c>, <c>queue.Full</c>; and impl's own
/// <c>multiprocessing_impl.Pickled</c>. Any other global is an <see cref="UnpicklingError"/> naming it, raised before
/// anything is built from it.
/// </summary>
internal sealed class WirePickleReader
{
    private static readonly HashSet<string> ManagerGlobals = new(StringComparer.Ordinal)
    {
        "Token", "RebuildProxy", "AutoProxy", "DictProxy", "ListProxy", "NamespaceProxy", "AcquirerProxy", "EventProxy",
        "ConditionProxy", "IteratorProxy", "BarrierProxy", "ValueProxy", "ArrayProxy", "PoolProxy", "BaseListProxy",
        "rebuild_as_list", "RemoteError",
    };

    private readonly byte[] _data;
    private readonly Func<string, Token, PyDict, object?> _rebuildProxy;
    private int _pos;
    private readonly List<object?> _stack = new();
    private readonly List<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = new();

    private WirePickleReader(byte[] data, Func<string, Token, PyDict, object?> rebuildProxy)
    {
        _data = data;
        _rebuildProxy = rebuildProxy;
    }

    /// <summary>The value in <paramref name="data"/>; a proxy in it is made by <paramref name="rebuildProxy"/> (proxy class name, token, kwds).</summary>
    public static object? Loads(byte[] data, Func<string, Token, PyDict, object?> rebuildProxy) => new WirePickleReader(data, rebuildProxy).Load();

    private object? Load()
    {
        while (true)
        {
            if (_pos >= _data.Length) throw new UnpicklingError("pickle data was truncated");
            var op = _data[_pos++];
            switch (op)
            {
                case 0x80:
                {
                    var proto = Take(1)[0];
                    if (proto > 5) throw new UnpicklingError($"unsupported pickle protocol: {proto}");
                    break;
                }
                case 0x95: Take(8); break; // FRAME
                case (byte)'.':
                    if (_stack.Count != 1 || _marks.Count != 0) throw new UnpicklingError("unpickling stack underflow");
                    return _stack[0] is WireGlobal g ? throw Refused(g.Module, g.Name, "as a value") : _stack[0];
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'K': Push((long)Take(1)[0]); break;
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case 0x8a: PushLong(Take(Take(1)[0])); break;
                case 0x8b: PushLong(Take(Length32())); break;
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case 0x8c: Push(Utf8(Take(Take(1)[0]))); break;
                case (byte)'X': Push(Utf8(Take(Length32()))); break;
                case 0x8d: Push(Utf8(Take(Length64()))); break;
                case (byte)'C': Push(Take(Take(1)[0]).ToArray()); break;
                case (byte)'B': Push(Take(Length32()).ToArray()); break;
                case 0x8e: Push(Take(Length64()).ToArray()); break;
                case 0x96: Push(Take(Length64()).ToArray()); break;
                case (byte)')': Push(new PyTuple(Array.Empty<object?>())); break;
                case 0x85: Push(new PyTuple(new[] { Pop() })); break;
                case 0x86: { var b = Pop(); var a = Pop(); Push(new PyTuple(new[] { a, b })); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new PyTuple(new[] { a, b, c })); break; }
                case (byte)'t': Push(new PyTuple(PopMark().ToArray())); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)'l': Push(PopMark()); break;
                case (byte)'a': { var item = Pop(); ListAt().Add(item); break; }
                case (byte)'e': { var items = PopMark(); ListAt().AddRange(items); break; }
                case (byte)'}': Push(new PyDict()); break;
                case (byte)'d': { var d = new PyDict(); SetItems(d, PopMark()); Push(d); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); SetItems(DictAt(), [k, v]); break; }
                case (byte)'u': { var items = PopMark(); SetItems(DictAt(), items); break; }
                case 0x8f: Push(new PySet()); break;
                case 0x90:
                {
                    var items = PopMark();
                    if (Peek() is not PySet set) throw new UnpicklingError("ADDITEMS applied to a non-set");
                    foreach (var i in items) set.Add(i);
                    break;
                }
                case 0x91: Push(PySet.From(null, PopMark())); break;
                case (byte)'(': _marks.Add(_stack.Count); break;
                case (byte)'0': Pop(); break;
                case (byte)'1': PopMark(); break;
                case (byte)'2': Push(Peek()); break;
                case 0x94: _memo[_memo.Count] = Peek(); break;
                case (byte)'p': _memo[LineInt()] = Peek(); break; // PUT (text)
                case (byte)'q': _memo[Take(1)[0]] = Peek(); break;
                case (byte)'r': _memo[(uint)Length32Raw()] = Peek(); break;
                case (byte)'g': Push(Memo(LineInt())); break; // GET (text)
                case (byte)'h': Push(Memo(Take(1)[0])); break;
                case (byte)'j': Push(Memo((uint)Length32Raw())); break;
                case (byte)'c': // GLOBAL module\nname\n
                {
                    var module = Line();
                    var name = Line();
                    Push(Global(module, name));
                    break;
                }
                case 0x93: // STACK_GLOBAL
                {
                    var name = Pop() as string ?? throw new UnpicklingError("STACK_GLOBAL requires str");
                    var module = Pop() as string ?? throw new UnpicklingError("STACK_GLOBAL requires str");
                    Push(Global(module, name));
                    break;
                }
                case (byte)'R': // REDUCE
                {
                    var args = Pop() as PyTuple ?? throw new UnpicklingError("REDUCE: the arguments are not a tuple");
                    var callable = Pop() as WireGlobal ?? throw new UnpicklingError("REDUCE: the callable is not an allowed global");
                    Push(Reduce(callable, args.Items));
                    break;
                }
                case 0x81: // NEWOBJ
                {
                    var args = Pop() as PyTuple ?? throw new UnpicklingError("NEWOBJ expected an arg tuple.");
                    var cls = Pop() as WireGlobal ?? throw new UnpicklingError("NEWOBJ class argument isn't a type object");
                    if (cls is not { Module: "multiprocessing.managers", Name: "Token" } || args.Items.Count != 0)
                        throw Refused(cls.Module, cls.Name, "with NEWOBJ");
                    Push(new Token("", "", ""));
                    break;
                }
                case (byte)'b': // BUILD
                {
                    var state = Pop();
                    switch (Peek())
                    {
                        case Token token when state is PyTuple { Items.Count: 3 } s:
                            token.Typeid = s.Items[0] as string ?? throw new UnpicklingError("Token.typeid must be a str");
                            token.Address = s.Items[1] switch
                            {
                                string path => path,
                                PyTuple { Items: [string host, long port] } => new PyTuple(new object?[] { host, port }),
                                byte[] abstractPath => Encoding.Latin1.GetString(abstractPath),
                                _ => throw new UnpicklingError("Token.address must be a path or (host, port)"),
                            };
                            token.Id = s.Items[2] as string ?? throw new UnpicklingError("Token.id must be a str");
                            break;
                        case Exception when state is PyDict or null:
                            break; // an exception's __dict__ (notes, attributes): not represented
                        default:
                            throw new UnpicklingError("BUILD applied to an object the manager's wire does not build");
                    }
                    break;
                }
                default:
                    throw new UnpicklingError(
                        $"refusing pickle opcode {PyBytes.Repr([op])} at offset {_pos - 1} in {Mp.Describe()}: a manager's messages " +
                        "hold plain data, exceptions, tokens and proxies only");
            }
        }
    }

    private static UnpicklingError Refused(string module, string name, string how) =>
        new($"global '{module}.{name}' is forbidden {how} on a manager connection (in {Mp.Describe()}): only plain data, " +
            "tokens, proxies and built-in exceptions cross it");

    private object Global(string module, string name)
    {
        // Protocols below 3 write Python 2's names (pickle's fix_imports): __builtin__.set, exceptions.KeyError.
        if (module is "__builtin__" or "exceptions") module = "builtins";
        var allowed = module switch
        {
            "multiprocessing.managers" => ManagerGlobals.Contains(name),
            "builtins" => name is "set" or "frozenset" or "bytearray" or "bytes" or "list" || WireExceptions.IsAllowed("builtins", name),
            "_codecs" => name == "encode",
            "multiprocessing_impl" => name == "Pickled",
            _ => WireExceptions.IsAllowed(module, name),
        };
        if (!allowed) throw new UnpicklingError($"global '{module}.{name}' is forbidden on a manager connection (in {Mp.Describe()}): " +
                                                "only plain data, tokens, proxies and built-in exceptions cross it");
        return new WireGlobal(module, name);
    }

    private object? Reduce(WireGlobal g, IReadOnlyList<object?> args)
    {
        switch (g.Module, g.Name)
        {
            case ("builtins", "set" or "frozenset"):
                return args.Count == 0 ? new PySet() : PySet.From(null, Iterable(args[0]));
            case ("builtins", "bytearray" or "bytes"):
                return args.Count == 0 ? Array.Empty<byte>() : args[0] as byte[] ?? throw new UnpicklingError($"{g}: expected bytes");
            case ("_codecs", "encode"):
                if (args is [string text, string encoding] && encoding is "latin1" or "latin-1")
                {
                    var bytes = new byte[text.Length];
                    for (var i = 0; i < text.Length; i++)
                        bytes[i] = text[i] <= 0xff ? (byte)text[i] : throw new UnpicklingError("_codecs.encode: not latin-1 text");
                    return bytes;
                }
                throw new UnpicklingError("_codecs.encode is allowed only as protocol 2's bytes (text, 'latin1')");
            case ("builtins", "list"): // dict views: managers.py's rebuild_as_list reduces them to list(items)
            case ("multiprocessing.managers", "rebuild_as_list"):
                return args.Count == 1 ? new List<object?>(Iterable(args[0])) : throw new UnpicklingError("rebuild_as_list takes one list");
            case ("multiprocessing.managers", "RebuildProxy"):
                if (args is [WireGlobal { Module: "multiprocessing.managers" } func, Token token, string, PyDict kwds])
                    return _rebuildProxy(func.Name, token, kwds);
                throw new UnpicklingError("RebuildProxy expects (proxy class, Token, serializer, kwds)");
            case ("multiprocessing_impl", "Pickled"):
                return args is [byte[] inner] ? Pickler.Loads(inner) : throw new UnpicklingError("multiprocessing_impl.Pickled takes bytes");
        }
        return WireExceptions.Construct(g.Module, g.Name, args) ?? throw Refused(g.Module, g.Name, "as a callable");
    }

    private static IEnumerable<object?> Iterable(object? v) => v switch
    {
        List<object?> l => l,
        PyTuple t => t.Items,
        _ => throw new UnpicklingError("expected a list or tuple"),
    };

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

    private List<object?> ListAt() => Peek() as List<object?> ?? throw new UnpicklingError("APPEND(S) applied to a non-list");

    private PyDict DictAt() => Peek() as PyDict ?? throw new UnpicklingError("SETITEM(S) applied to a non-dict");

    private static void SetItems(PyDict d, List<object?> items)
    {
        if (items.Count % 2 != 0) throw new UnpicklingError("odd number of items for SETITEMS");
        for (var i = 0; i < items.Count; i += 2) d[items[i]] = items[i + 1];
    }

    private object? Memo(long key) => _memo.TryGetValue(key, out var v) ? v : throw new UnpicklingError($"Memo value not found at index {key}");
}
