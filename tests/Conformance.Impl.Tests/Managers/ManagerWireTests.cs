using System;
using System.Collections.Generic;
using System.Linq;
using CliWrap;
using CliWrap.Buffered;
using Multiprocessing;
using Multiprocessing.Internal.Managers;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Managers;

/// <summary>The manager's pickle against CPython's: what CPython writes at protocols 2–5 reads back, what we write CPython reads.</summary>
[Category("Interop")]
public sealed class ManagerWireTests
{
    private static string Python(string code)
    {
        var result = Cli.Wrap("python3").WithArguments(["-c", code]).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(20)).Token).GetAwaiter().GetResult();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        return result.StandardOutput.Trim();
    }

    private const string Objects = """
        import pickle, sys
        from multiprocessing.managers import Token, DictProxy, RemoteError
        t = Token('dict', '/tmp/x/listener-1', '7f00')
        p = DictProxy(t, 'pickle', manager=None, authkey=b'k', incref=False)
        objs = [('#RETURN', {'a': [1, 2.5, None, True], (1, 2): b'\x00\xff', 'big': 2**70, 's': {3}, 'f': frozenset({4})}),
                ('#ERROR', KeyError('missing')), ('#ERROR', RemoteError('tb text')), ('#PROXY', (('get',), t)),
                ('#RETURN', {'k': 1}.keys()), ('#RETURN', [p]), ('#RETURN', Token('Q', ('127.0.0.1', 5), 'ab'))]
        """;

    [Test]
    public void ReadsWhatCPythonWritesAtEveryProtocol()
    {
        foreach (var protocol in new[] { 2, 3, 4, 5 })
        {
            var hex = Python(Objects + $"\nfrom multiprocessing.reduction import ForkingPickler\nprint(' '.join(bytes(ForkingPickler.dumps(o, {protocol})).hex() for o in objs))");
            var rebuilt = new List<string>();
            var values = hex.Split(' ').Select(h => WirePickleReader.Loads(Convert.FromHexString(h), (type, token, kw) =>
            {
                rebuilt.Add($"{type} {token.PyRepr()}");
                return token;
            })).ToList();
            Assert.That(PyRepr.Repr(values[0]), Is.EqualTo("('#RETURN', {'a': [1, 2.5, None, True], (1, 2): b'\\x00\\xff', 'big': 1180591620717411303424, 's': {3}, 'f': {4}})"), $"protocol {protocol}");
            Assert.That(PyRepr.Repr(values[1]), Is.EqualTo("('#ERROR', KeyError('missing'))"), $"protocol {protocol}");
            var remote = (RemoteError)((PyTuple)values[2]!).Items[1]!;
            Assert.That(remote.RemoteTraceback, Is.EqualTo("tb text"));
            Assert.That(PyRepr.Repr(values[3]), Is.EqualTo("('#PROXY', (('get',), Token(typeid='dict', address='/tmp/x/listener-1', id='7f00')))"));
            Assert.That(PyRepr.Repr(values[4]), Is.EqualTo("('#RETURN', ['k'])"), "a dict view arrives as a list");
            Assert.That(rebuilt, Is.EqualTo(new[] { "DictProxy Token(typeid='dict', address='/tmp/x/listener-1', id='7f00')" }));
            Assert.That(PyRepr.Repr(values[6]), Is.EqualTo("('#RETURN', Token(typeid='Q', address=('127.0.0.1', 5), id='ab'))"));
        }
    }

    [Test]
    public void CPythonReadsWhatWeWrite()
    {
        var token = new Token("dict", "/tmp/x/listener-1", "7f00");
        var values = new object?[]
        {
            new PyTuple(new object?[] { "#RETURN", new List<object?> { 1L, 2.5, null, true, "é", new byte[] { 0, 255 }, new System.Numerics.BigInteger(1) << 70, PySet.From(null, [3L]) } }),
            new PyTuple(new object?[] { "#ERROR", PyErrors.KeyError("missing") }),
            new PyTuple(new object?[] { "#ERROR", new Empty() }),
            new PyTuple(new object?[] { "#PROXY", new PyTuple(new object?[] { new PyTuple(new object?[] { "get" }), token }) }),
        };
        var hex = string.Join(" ", values.Select(v => Convert.ToHexString(WirePickleWriter.Dumps(v))));
        var printed = Python($"""
            import pickle
            for h in '{hex}'.split():
                data = bytes.fromhex(h)
                assert data[:2] == b'\x80\x02', data[:2]
                print(repr(pickle.loads(data)))
            """);
        Assert.That(printed.Split('\n'), Is.EqualTo(new[]
        {
            "('#RETURN', [1, 2.5, None, True, 'é', b'\\x00\\xff', 1180591620717411303424, {3}])",
            "('#ERROR', KeyError('missing'))",
            "('#ERROR', Empty())",
            "('#PROXY', (('get',), Token(typeid='dict', address='/tmp/x/listener-1', id='7f00')))",
        }));
    }

    [Test]
    public void AProxyWeWriteIsCPythonsRebuildProxy()
    {
        // The proxy itself needs a live server to construct, so CPython's find_class is watched instead of calling it.
        var printed = Python("""
            import pickle, io, sys
            class Watch(pickle.Unpickler):
                def find_class(self, module, name):
                    if name == 'RebuildProxy':
                        return lambda *a: ('RebuildProxy', a[0].__name__, repr(a[1]), a[2], a[3])
                    return super().find_class(module, name)
            print(Watch(io.BytesIO(bytes.fromhex(sys.argv[1]))).load())
            """.Replace("sys.argv[1]", "'" + ProxyHex() + "'"));
        Assert.That(printed, Is.EqualTo("('RebuildProxy', 'DictProxy', \"Token(typeid='dict', address='/p', id='1')\", 'pickle', {})"));
    }

    private static string ProxyHex()
    {
        // A proxy object without a server: made directly (no incref), as RebuildProxy would make it in a child.
        var proxy = Proxies.Create("DictProxy", new Token("dict", "/p", "1"), [1], null, incref: false, managerOwned: false);
        return Convert.ToHexString(WirePickleWriter.Dumps(proxy));
    }
}
