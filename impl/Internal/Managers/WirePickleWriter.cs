using System;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// A manager's messages as CPython's pickle, protocol 2 (what <c>pickle.Pickler(f, 2)</c> emits, so every CPython since
/// 2.3 reads it): <see cref="PyPickleWriter"/> with the manager's reducers. Exceptions as <c>builtins.KeyError(*args)</c>
/// (REDUCE), <see cref="Token"/> as NEWOBJ + BUILD of <c>multiprocessing.managers.Token</c>, a proxy as
/// <c>RebuildProxy(ProxyType, token, 'pickle', kwds)</c>. A .NET value CPython has no type for (an interpreter's
/// instance) travels as impl's own pickle inside <c>multiprocessing_impl.Pickled(bytes)</c>, which only impl reads
/// (CPython fails to import it, as it would any class it lacks).
/// </summary>
internal static class WirePickleWriter
{
    private const string Managers = "multiprocessing.managers";

    public static byte[] Dumps(object? value) => PyPickleWriter.Dumps(value, 2, Reduce);

    private static PickleReduction? Reduce(object v) => v switch
    {
        Token token => new PickleReduction(new PickleGlobal(Managers, "Token"), [], NewObj: true, HasState: true,
                                           State: new object?[] { token.Typeid, token.Address, token.Id }),
        BaseProxy proxy => ReduceProxy(proxy),
        Exception e => ReduceException(e),
        System.Collections.IDictionary or System.Collections.IList => null, // plain data
        // Anything else: impl's own format, which only an impl peer can open (and which itself writes only allowed types).
        _ => new PickleReduction(new PickleGlobal("multiprocessing_impl", "Pickled"), [Pickler.Dumps(v)]),
    };

    private static PickleReduction ReduceProxy(BaseProxy proxy)
    {
        // BaseProxy.__reduce__: (RebuildProxy, (type(self) or AutoProxy, token, serializer, kwds)); the authkey is never sent.
        var kwds = new PyDict();
        if (proxy.IsAuto) kwds["exposed"] = new PyTuple(System.Linq.Enumerable.ToArray<object?>(proxy.Exposed));
        var cls = new PickleGlobal(Managers, proxy.IsAuto ? "AutoProxy" : proxy.ProxyTypeName);
        return new PickleReduction(new PickleGlobal(Managers, "RebuildProxy"), [cls, proxy.Token, "pickle", kwds]);
    }

    private static PickleReduction ReduceException(Exception e)
    {
        var (module, name) = WireExceptions.GlobalOf(e);
        return new PickleReduction(new PickleGlobal(module, name), WireExceptions.ArgsOf(e));
    }
}
