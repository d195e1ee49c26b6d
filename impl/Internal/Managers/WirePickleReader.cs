using System;
using System.Collections.Generic;
using System.Text;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// Reads a manager's messages, CPython's pickle protocols 2–5, into Python's value model: <see cref="PyPickleReader"/>
/// with the manager's allow-list of globals, matched by name and never imported: <c>multiprocessing.managers</c>' Token,
/// RebuildProxy, the proxy classes, AutoProxy, rebuild_as_list and RemoteError; <c>builtins</c>' set, frozenset,
/// bytearray, bytes, list (a dict view) and the language's exception classes; <c>_codecs.encode</c> (latin-1 only:
/// protocol 2's bytes); <c>_queue.Empty</c>, <c>queue.Full</c>; and impl's own <c>multiprocessing_impl.Pickled</c>. Any
/// other global is an <see cref="UnpicklingError"/> naming it, raised before anything is built from it.
/// </summary>
internal sealed class WirePickleReader : IPickleGlobals
{
    private static readonly HashSet<string> ManagerGlobals = new(StringComparer.Ordinal)
    {
        "Token", "RebuildProxy", "AutoProxy", "DictProxy", "ListProxy", "NamespaceProxy", "AcquirerProxy", "EventProxy",
        "ConditionProxy", "IteratorProxy", "BarrierProxy", "ValueProxy", "ArrayProxy", "PoolProxy", "BaseListProxy",
        "rebuild_as_list", "RemoteError",
    };

    private readonly Func<string, Token, PyDict, object?> _rebuildProxy;

    private WirePickleReader(Func<string, Token, PyDict, object?> rebuildProxy) => _rebuildProxy = rebuildProxy;

    /// <summary>The value in <paramref name="data"/>; a proxy in it is made by <paramref name="rebuildProxy"/> (proxy class name, token, kwds).</summary>
    public static object? Loads(byte[] data, Func<string, Token, PyDict, object?> rebuildProxy) =>
        PyPickleReader.Loads(data, new WirePickleReader(rebuildProxy));

    public string OpcodeRefusal => "a manager's messages hold plain data, exceptions, tokens and proxies only";

    public UnpicklingError Refused(PickleGlobal g, string how) =>
        new($"global '{g.Module}.{g.Name}' is forbidden {how} on a manager connection (in {Mp.Describe()}): only plain data, " +
            "tokens, proxies and built-in exceptions cross it");

    public PickleGlobal Find(string module, string name)
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
        return new PickleGlobal(module, name);
    }

    public object NewObj(PickleGlobal cls, IReadOnlyList<object?> args)
    {
        if (cls is not { Module: "multiprocessing.managers", Name: "Token" } || args.Count != 0) throw Refused(cls, "with NEWOBJ");
        return new Token("", "", "");
    }

    public void Build(object? target, object? state)
    {
        switch (target)
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
    }

    public object? Reduce(PickleGlobal g, IReadOnlyList<object?> args)
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
                if (args is [PickleGlobal { Module: "multiprocessing.managers" } func, Token token, string, PyDict kwds])
                    return _rebuildProxy(func.Name, token, kwds);
                throw new UnpicklingError("RebuildProxy expects (proxy class, Token, serializer, kwds)");
            case ("multiprocessing_impl", "Pickled"):
                return args is [byte[] inner] ? Pickler.Loads(inner) : throw new UnpicklingError("multiprocessing_impl.Pickled takes bytes");
        }
        return WireExceptions.Construct(g.Module, g.Name, args) ?? throw Refused(g, "as a callable");
    }

    private static IEnumerable<object?> Iterable(object? v) => v switch
    {
        List<object?> l => l,
        PyTuple t => t.Items,
        _ => throw new UnpicklingError("expected a list or tuple"),
    };
}
