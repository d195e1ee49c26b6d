using System;
using System.Collections.Generic;
using System.Text;
using Multiprocessing;
using Multiprocessing.Internal;
using Multiprocessing.Internal.Managers;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Connections;

/// <summary>
/// The one CPython pickle codec serves both a <see cref="Connection"/> (plain data, no globals) and a manager (protocol 2,
/// its reducers and allow-list): what the manager's extension points add must never leak into the plain-data path.
/// </summary>
public class PyPickleCodecTests
{
    private static IEnumerable<object?> ManagerOnlyValues()
    {
        yield return new Token("dict", "/tmp/listener-x", "7f");
        yield return new InvalidOperationException("boom"); // an exception: builtins.<nearest class>(*args)
        yield return PySet.From(null, new object?[] { 1L }); // protocol 2's set: builtins.set([...])
        yield return new byte[] { 0, 255 }; // protocol 2's bytes: _codecs.encode(text, 'latin1')
        yield return new Payload { Text = "t", Number = 3 }; // impl's own pickle inside multiprocessing_impl.Pickled
    }

    [TestCaseSource(nameof(ManagerOnlyValues))]
    public void What_the_manager_wire_writes_with_globals_the_plain_data_reader_refuses(object value)
    {
        var wire = WirePickleWriter.Dumps(value);
        var e = Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads(wire))!;
        Assert.That(e.Message, Does.StartWith("refusing pickle opcode b'c' at offset 2"));
        Assert.That(e.Message, Does.Contain("nothing that imports or calls"));
        Assert.That(WirePickleReader.Loads(wire, (_, token, _) => token), Is.Not.Null, "the manager's reader reads it back");
    }

    [Test]
    public void The_manager_reader_rebuilds_a_token_and_refuses_globals_off_its_list()
    {
        var back = (Token)WirePickleReader.Loads(WirePickleWriter.Dumps(new Token("dict", "/tmp/listener-x", "7f")), (_, t, _) => t)!;
        Assert.That((back.Typeid, back.Address, back.Id), Is.EqualTo(("dict", (object)"/tmp/listener-x", "7f")));
        var e = Assert.Throws<UnpicklingError>(() => WirePickleReader.Loads(Encoding.Latin1.GetBytes("\u0080\u0002cposix\nsystem\n."), (_, t, _) => t))!;
        Assert.That(e.Message, Does.StartWith("global 'posix.system' is forbidden on a manager connection"));
    }

    [Test]
    public void The_plain_data_writer_has_no_reducers()
    {
        foreach (var value in new object[] { new Token("dict", "/tmp/x", "1"), new InvalidOperationException("boom"), new Payload() })
        {
            var e = Assert.Throws<PicklingError>(() => PyPickleWriter.Dumps(value))!;
            Assert.That(e.Message, Does.StartWith($"Can't pickle {value.GetType().FullName} for a CPython peer"));
        }
    }

    [Test]
    public void Protocol_2_and_4_write_str_and_bytes_as_pickle_py_does()
    {
        // pickle.py: protocol 4 has SHORT_BINUNICODE and SHORT_BINBYTES; protocol 2 only BINUNICODE and _codecs.encode.
        Assert.That(Convert.ToHexString(PyPickleWriter.Dumps("a")), Is.EqualTo("80048C01612E"));
        Assert.That(Convert.ToHexString(PyPickleWriter.Dumps("a", 2, null)), Is.EqualTo("80025801000000612E"));
        Assert.That(Convert.ToHexString(PyPickleWriter.Dumps(new byte[] { 1 })), Is.EqualTo("80044301012E"));
        Assert.That(Encoding.Latin1.GetString(PyPickleWriter.Dumps(new byte[] { 1 }, 2, null)),
            Is.EqualTo("\u0080\u0002c_codecs\nencode\nX\u0001\u0000\u0000\u0000\u0001X\u0006\u0000\u0000\u0000latin1\u0086R."));
        Assert.Throws<ArgumentOutOfRangeException>(() => PyPickleWriter.Dumps(1L, 3, null));
    }

    [Test]
    public void The_plain_data_reader_takes_text_memo_opcodes_and_refuses_future_protocols_as_CPython_does()
    {
        // l = pickle.loads(b'(]p0\ng0\nl.') is [[], []] with l[0] is l[1]; pickle.loads(b'\x80\x06N.') raises "unsupported pickle protocol: 6".
        var back = (List<object?>)PyPickleReader.Loads("(]p0\ng0\nl."u8.ToArray())!;
        Assert.That(back, Has.Count.EqualTo(2));
        Assert.That(back[0], Is.InstanceOf<List<object?>>().And.SameAs(back[1]));
        Assert.That(Assert.Throws<UnpicklingError>(() => PyPickleReader.Loads(Encoding.Latin1.GetBytes("\u0080\u0006N.")))!.Message,
            Is.EqualTo("unsupported pickle protocol: 6"));
    }
}
