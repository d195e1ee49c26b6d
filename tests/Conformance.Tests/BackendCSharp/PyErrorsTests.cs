using Conformance.Backend.CSharp;
using Conformance.Backend.CSharp.Values;
using Mp = Multiprocessing;

namespace Conformance.Tests.BackendCSharp;

/// <summary>Exception names, hierarchy and texts as CPython shows them.</summary>
public sealed class PyErrorsTests
{
    [Test]
    public void Impl_exceptions_have_their_python_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyErrors.Name(new Mp.ValueError("x")), Is.EqualTo("ValueError"));
            Assert.That(PyErrors.Name(new Mp.Empty()), Is.EqualTo("Empty"));
            Assert.That(PyErrors.Name(new Mp.Full()), Is.EqualTo("Full"));
            Assert.That(PyErrors.Name(new Mp.TimeoutError()), Is.EqualTo("TimeoutError"));
            Assert.That(PyErrors.Name(new Mp.OSError(22, "Invalid argument")), Is.EqualTo("OSError"));
            Assert.That(PyErrors.Name(new PyException("KeyError", "'k'")), Is.EqualTo("KeyError"));
        });
    }

    [TestCase("ValueError", "ValueError", true)]
    [TestCase("ValueError", "Exception", true)]
    [TestCase("Empty", "ValueError", false)]
    [TestCase("NotImplementedError", "RuntimeError", true)]
    [TestCase("TimeoutError", "ProcessError", true)]
    [TestCase("ProcessError", "TimeoutError", false)]
    [TestCase("KeyError", "IndexError", false)]
    [TestCase("SystemExit", "Exception", false)]
    public void Except_clauses_match_the_python_hierarchy(string raised, string handler, bool matches) =>
        Assert.That(PyErrors.Matches(PyErrors.Create(raised, "m"), handler), Is.EqualTo(matches));

    [Test]
    public void Raise_uses_impl_classes_and_keeps_the_message()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyErrors.Create("ValueError", "boom"), Is.TypeOf<Mp.ValueError>().With.Message.EqualTo("boom"));
            Assert.That(PyErrors.Create("AssertionError", null), Is.TypeOf<Mp.AssertionError>().With.Message.EqualTo(""));
            Assert.That(PyErrors.Create("Empty", null), Is.TypeOf<Mp.Empty>());
            Assert.That(PyErrors.Create("TypeError", "t"), Is.TypeOf<PyException>());
        });
    }

    [Test]
    public void Str_and_repr_are_cpythons()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyRepr.Str(new Mp.ValueError("boom")), Is.EqualTo("boom"));
            Assert.That(PyRepr.Repr(new Mp.ValueError("boom")), Is.EqualTo("ValueError('boom')"));
            Assert.That(PyRepr.Repr(PyRepr.Str(new Mp.Empty())), Is.EqualTo("''"));
            Assert.That(PyRepr.Repr(new Mp.Empty()), Is.EqualTo("Empty()"));
            Assert.That(PyRepr.Str(new Mp.OSError(22, "Invalid argument")), Is.EqualTo("[Errno 22] Invalid argument"));
            Assert.That(PyRepr.Repr(new Mp.OSError(22, "Invalid argument")), Is.EqualTo("OSError(22, 'Invalid argument')"));
            Assert.That(PyErrors.ClassRepr(new Mp.Empty()), Is.EqualTo("<class '_queue.Empty'>"));
        });
    }
}
