using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Python;

/// <summary>Expected texts are CPython 3.11's own <c>repr()</c> of the same values.</summary>
public sealed class PyReprTests
{
    [TestCase(0.1, "0.1")]
    [TestCase(1.0, "1.0")]
    [TestCase(2.5, "2.5")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1e-5, "1e-05")]
    [TestCase(123456789.123, "123456789.123")]
    [TestCase(1e22, "1e+22")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1.0 / 3, "0.3333333333333333")]
    [TestCase(1e-4, "0.0001")]
    [TestCase(0.0001234, "0.0001234")]
    [TestCase(12345678901234567.0, "1.2345678901234568e+16")]
    [TestCase(9999999999999998.0, "9999999999999998.0")]
    [TestCase(1.5e-7, "1.5e-07")]
    [TestCase(-2.75, "-2.75")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Floats_print_as_in_CPython(double value, string expected) =>
        Assert.That(PyRepr.Repr(value), Is.EqualTo(expected));

    [TestCase("it's", "\"it's\"")]
    [TestCase("say \"hi\"", "'say \"hi\"'")]
    [TestCase("both ' and \"", "'both \\' and \"'")]
    [TestCase("tab\t", "'tab\\t'")]
    [TestCase("é", "'é'")]
    [TestCase("\0", "'\\x00'")]
    [TestCase("\u2028", "'\\u2028'")]
    [TestCase("back\\slash", "'back\\\\slash'")]
    public void Strings_quote_and_escape_as_in_CPython(string value, string expected) =>
        Assert.That(PyRepr.Repr(value), Is.EqualTo(expected));

    [Test]
    public void Containers_print_their_items_with_repr()
    {
        var dict = new System.Collections.Specialized.OrderedDictionary { [0L] = 0L, ["a"] = "b" };
        Assert.Multiple(() =>
        {
            Assert.That(PyRepr.Repr(new List<object?> { 1L, "x", null, true }), Is.EqualTo("[1, 'x', None, True]"));
            Assert.That(PyRepr.Repr(new PyTuple([1L])), Is.EqualTo("(1,)"));
            Assert.That(PyRepr.Repr(new PyTuple(["a", 2.0])), Is.EqualTo("('a', 2.0)"));
            Assert.That(PyRepr.Repr(dict), Is.EqualTo("{0: 0, 'a': 'b'}"));
            Assert.That(PyRepr.Str("plain"), Is.EqualTo("plain"));
            Assert.That(PyRepr.Str(new List<object?> { "plain" }), Is.EqualTo("['plain']"));
        });
    }
}
