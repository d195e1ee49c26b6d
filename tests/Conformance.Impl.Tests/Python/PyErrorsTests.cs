using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Python;
using NUnit.Framework;
using Mp = Multiprocessing;

namespace Conformance.Impl.Tests.Python;

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
            Assert.That(PyErrors.Kind(new Mp.TimeoutError()), Is.EqualTo("multiprocessing.TimeoutError"));
            Assert.That(PyErrors.Kind(PyErrors.Create("TimeoutError", "t")), Is.EqualTo("TimeoutError"));
            Assert.That(PyErrors.Name(new Mp.OSError(22, "Invalid argument")), Is.EqualTo("OSError"));
            Assert.That(PyErrors.Name(new PyException("KeyError", "'k'")), Is.EqualTo("KeyError"));
        });
    }

    [TestCase("ValueError", "ValueError", true)]
    [TestCase("ValueError", "Exception", true)]
    [TestCase("Empty", "ValueError", false)]
    [TestCase("NotImplementedError", "RuntimeError", true)]
    [TestCase("multiprocessing.TimeoutError", "ProcessError", true)]
    [TestCase("ProcessError", "multiprocessing.TimeoutError", false)]
    [TestCase("TimeoutError", "OSError", true)]
    [TestCase("TimeoutError", "ProcessError", false)]
    [TestCase("multiprocessing.TimeoutError", "TimeoutError", false)]
    [TestCase("SystemExit", "BaseException", true)]
    [TestCase("KeyboardInterrupt", "Exception", false)]
    [TestCase("ZeroDivisionError", "ArithmeticError", true)]
    [TestCase("UnboundLocalError", "NameError", true)]
    [TestCase("BrokenPipeError", "OSError", true)]
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
    public void Args_str_and_repr_follow_cpythons_rules()
    {
        Assert.Multiple(() =>
        {
            var several = PyErrors.Raise("KeyError", [1L, "two"]);
            Assert.That((PyRepr.Repr(several), PyRepr.Str(several), PyRepr.Repr(PyErrors.Args(several))), Is.EqualTo(("KeyError(1, 'two')", "(1, 'two')", "(1, 'two')")));
            var one = PyErrors.Raise("KeyError", ["k"]);
            Assert.That((PyRepr.Repr(one), PyRepr.Str(one)), Is.EqualTo(("KeyError('k')", "'k'")));
            var none = PyErrors.Raise("ValueError", []);
            Assert.That((PyRepr.Repr(none), PyRepr.Str(none), PyRepr.Repr(PyErrors.Args(none))), Is.EqualTo(("ValueError()", "", "()")));
            var user = PyErrors.Raise("MyError", [7L], userBase: "LookupError");
            Assert.That((PyRepr.Repr(user), PyErrors.ClassRepr(user), PyErrors.Matches(user, "LookupError"), PyErrors.Matches(user, "ValueError")),
                Is.EqualTo(("MyError(7)", "<class '__main__.MyError'>", true, false)));
        });
    }

    [TestCase(new object?[] { 4L, 0L }, "InterruptedError(4, 0)", "[Errno 4] 0")]
    [TestCase(new object?[] { true, "x" }, "PermissionError(True, 'x')", "[Errno True] x")]
    [TestCase(new object?[] { "b", "y" }, "OSError('b', 'y')", "[Errno b] y")]
    [TestCase(new object?[] { 2L, "x", "f" }, "FileNotFoundError(2, 'x')", "[Errno 2] x: 'f'")]
    [TestCase(new object?[] { 2L, "x", null, null, "g" }, "FileNotFoundError(2, 'x', None, None, 'g')", "[Errno 2] x")]
    [TestCase(new object?[] { 2L, "x", "f", null, "g" }, "FileNotFoundError(2, 'x')", "[Errno 2] x: 'f' -> 'g'")]
    [TestCase(new object?[] { 1L, 2L, 3L, 4L, 5L, 6L }, "OSError(1, 2, 3, 4, 5, 6)", "(1, 2, 3, 4, 5, 6)")]
    public void OSError_arguments_follow_cpythons_errno_rules(object?[] args, string repr, string str)
    {
        var e = PyErrors.Raise("OSError", args);

        Assert.That((PyRepr.Repr(e), PyRepr.Str(e), PyErrors.Matches(e, "OSError")), Is.EqualTo((repr, str, true)));
    }

    [TestCase(null, "SystemExit()", "None", "")]
    [TestCase(3L, "SystemExit(3)", "3", "3")]
    [TestCase(true, "SystemExit(True)", "True", "True")]
    [TestCase("bye", "SystemExit('bye')", "'bye'", "bye")]
    public void Sys_exit_makes_cpythons_system_exit(object? code, string repr, string codeRepr, string str)
    {
        var e = PyErrors.SystemExit(code is null ? [] : [code]);

        Assert.That((e, PyRepr.Repr(e), PyRepr.Repr(PyErrors.Code(e)), PyRepr.Str(e)), Is.EqualTo((e as Mp.SystemExit, repr, codeRepr, str)));
    }

    [Test]
    public void Sys_exit_of_a_tuple_takes_its_items_as_args()
    {
        var e = PyErrors.SystemExit([new PyTuple([1L, 2L])]);

        Assert.That((PyRepr.Repr(e), PyRepr.Repr(PyErrors.Code(e))), Is.EqualTo(("SystemExit(1, 2)", "(1, 2)")));
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
