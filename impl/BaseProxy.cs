using System;
using System.Collections.Generic;
using Multiprocessing.Internal.Managers;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.managers.BaseProxy</c>: a handle on an object a manager's server holds. Every method
/// call is a request to the server (<see cref="CallMethod"/>, CPython's <c>_callmethod</c>) on the calling thread's
/// connection; values come back as copies. A proxy crosses into a spawned child (impl's pickle) and into any value
/// sent to a manager (CPython's <c>RebuildProxy</c>), and reconnects there with the current process's authkey.
/// </summary>
public class BaseProxy : IPyObject
{
    private readonly byte[] _authkey;

    internal BaseProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, string proxyTypeName, bool isAuto, bool incref, bool managerOwned)
    {
        Token = token;
        _authkey = authkey;
        Exposed = exposed;
        ProxyTypeName = proxyTypeName;
        IsAuto = isAuto;
        ManagerOwned = managerOwned;
        if (incref && !managerOwned)
            ManagerClient.Call(token.Address, authkey, "incref", [token.Id]);
    }

    /// <summary>CPython's <c>_token</c>: type id, server address and id of the referent.</summary>
    public Token Token { get; }

    /// <summary>CPython's <c>_exposed_</c>: the methods the server lets this proxy call.</summary>
    public IReadOnlyList<string> Exposed { get; }

    /// <summary>CPython's class name of this proxy (<c>DictProxy</c>, <c>AutoProxy[Queue]</c>, ...), as <c>type(proxy).__name__</c>.</summary>
    public string ProxyTypeName { get; }

    internal bool IsAuto { get; }

    internal bool ManagerOwned { get; }

    internal byte[] AuthKey => _authkey;

    /// <summary>
    /// CPython's <c>_callmethod(methodname, args=(), kwds={})</c>: calls the referent's method in the server and returns
    /// its result (a copy), a new proxy when the server answers <c>#PROXY</c>, or raises the method's exception
    /// (<see cref="RemoteError"/> for a failure of the server itself). After the server has gone this raises
    /// CPython's error for it (BrokenPipeError, EOFError, FileNotFoundError, ConnectionRefusedError), never waits.
    /// </summary>
    public object? CallMethod(string methodname, IReadOnlyList<object?>? args = null, PyDict? kwds = null)
    {
        var conn = ManagerClient.ThreadConnection(Token.Address, _authkey);
        var (kind, result) = ManagerClient.Exchange(conn, Token.Id, methodname, args, kwds, _authkey);
        switch (kind)
        {
            case "#RETURN":
                return result;
            case "#PROXY" when result is PyTuple { Items: [PyTuple exposed, Token token] }:
            {
                token.Address = Token.Address;
                var proxy = Proxies.Create(Proxies.DefaultProxyType(token.Typeid), token, _authkey, Proxies.Names(exposed), incref: true, managerOwned: false);
                ManagerClient.Call(token.Address, _authkey, "decref", [token.Id]);
                return proxy;
            }
            default:
                throw ManagerClient.ConvertToError(kind, result);
        }
    }

    /// <summary>CPython's <c>_getvalue()</c>: a copy of the referent.</summary>
    public object? GetValue() => CallMethod("#GETVALUE");

    /// <summary>CPython's <c>str(proxy)</c>: the referent's repr, or a fall-back when the server cannot be reached.</summary>
    public string PyStr()
    {
        try
        {
            return CallMethod("__repr__") as string ?? "";
        }
        catch (Exception)
        {
            var repr = PyRepr();
            return repr[..^1] + "; '__str__()' failed>";
        }
    }

    /// <summary>CPython's <c>repr(proxy)</c>: <c>&lt;DictProxy object, typeid 'dict' at 0x7f...&gt;</c>.</summary>
    public string PyRepr() => $"<{ProxyTypeName} object, typeid {Python.PyRepr.Repr(Token.Typeid)} at {Python.PyRepr.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => ProxyTypeName;

    /// <inheritdoc />
    public string PyTypeModule => "multiprocessing.managers";

    /// <inheritdoc />
    public override string ToString() => PyRepr();

    /// <summary>The tuple form of positional arguments.</summary>
    private protected static object?[] A(params object?[] args) => args;
}
