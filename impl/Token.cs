using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.managers.Token</c>: what identifies a shared object, its type id, the address of the
/// manager's server holding it and its id there. On the wire it is CPython's own pickle of the class (NEWOBJ, then
/// BUILD with the state tuple <c>(typeid, address, id)</c>), so CPython proxies and ours name objects alike.
/// </summary>
public sealed class Token : IPyObject
{
    /// <summary>Creates a token; <paramref name="address"/> is a socket path (string) or <c>(host, port)</c> as a <see cref="PyTuple"/>.</summary>
    public Token(string typeid, object address, string id)
    {
        Typeid = typeid;
        Address = address;
        Id = id;
    }

    /// <summary>CPython's <c>typeid</c>: the registered name (<c>dict</c>, <c>list</c>, <c>Namespace</c>, ...).</summary>
    public string Typeid { get; internal set; }

    /// <summary>CPython's <c>address</c>: the server's socket path, or <c>(host, port)</c> as a <see cref="PyTuple"/>.</summary>
    public object Address { get; internal set; }

    /// <summary>CPython's <c>id</c>: the referent's key in the server (hex text).</summary>
    public string Id { get; internal set; }

    /// <inheritdoc />
    public string PyStr() => PyRepr();

    /// <inheritdoc />
    public string PyRepr() =>
        $"Token(typeid={Python.PyRepr.Repr(Typeid)}, address={Python.PyRepr.Repr(Address)}, id={Python.PyRepr.Repr(Id)})";

    /// <inheritdoc />
    public string PyTypeName => "Token";

    /// <inheritdoc />
    public override string ToString() => PyRepr();
}
