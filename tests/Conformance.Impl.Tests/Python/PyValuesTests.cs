using System;
using System.Collections.Generic;
using System.Linq;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Python;

/// <summary>Python value semantics of the C# backend: equality, dict keys, arithmetic, truth; expected values are CPython's.</summary>
public sealed class PyValuesTests
{
    [Test]
    public void Numbers_compare_equal_across_int_float_and_bool()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyOps.Eq(1L, 1.0), Is.True);
            Assert.That(PyOps.Eq(1L, true), Is.True);
            Assert.That(PyOps.Eq(0.0, false), Is.True);
            Assert.That(PyOps.Eq("1", 1L), Is.False);
            Assert.That(PyOps.Eq(null, null), Is.True);
            Assert.That(PyOps.Eq(new List<object?> { 1L, "a" }, new List<object?> { 1.0, "a" }), Is.True);
            Assert.That(PyOps.Eq(new PyTuple(new object?[] { 1L }), new List<object?> { 1L }), Is.False);
        });
    }

    [Test]
    public void Dict_keys_use_python_equality_and_keep_insertion_order()
    {
        var d = new PyDict { [1L] = "int", ["a"] = "str" };
        d[1.0] = "float";   // same key as 1: the value changes, the key and its position stay
        d[true] = "bool";
        d["b"] = null;
        Assert.Multiple(() =>
        {
            Assert.That(d.Count, Is.EqualTo(3));
            Assert.That(PyRepr.Repr(d), Is.EqualTo("{1: 'bool', 'a': 'str', 'b': None}"));
            Assert.That(d[1L], Is.EqualTo("bool"));
            Assert.That(() => d["missing"], Throws.InstanceOf<PyException>().With.Message.EqualTo("'missing'"));
        });
    }

    [Test]
    public void Arithmetic_follows_python()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyOps.Mul(2L, 3L), Is.EqualTo(6L).And.TypeOf<long>());
            Assert.That(PyOps.Add(1L, 0.5), Is.EqualTo(1.5));
            Assert.That(PyOps.Add(true, true), Is.EqualTo(2L));
            Assert.That(PyOps.Div(7L, 2L), Is.EqualTo(3.5));
            Assert.That(PyOps.FloorDiv(-7L, 2L), Is.EqualTo(-4L));
            Assert.That(PyOps.Mod(-7L, 2L), Is.EqualTo(1L));
            Assert.That(PyOps.Mod(7L, -2L), Is.EqualTo(-1L));
            Assert.That(PyOps.Add("a", "b"), Is.EqualTo("ab"));
            Assert.That(PyOps.Mul("ab", 2L), Is.EqualTo("abab"));
            Assert.That(PyRepr.Repr(PyOps.Add(new List<object?> { 1L }, new List<object?> { 2L })), Is.EqualTo("[1, 2]"));
            Assert.That(() => PyOps.Add("a", 1L), Throws.InstanceOf<PyException>().With.Message.EqualTo("can only concatenate str (not \"int\") to str"));
            Assert.That(() => PyOps.FloorDiv(1L, 0L), Throws.InstanceOf<PyException>().With.Message.EqualTo("integer division or modulo by zero"));
        });
    }

    [Test]
    public void Truth_values_follow_python()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyOps.Truthy(null), Is.False);
            Assert.That(PyOps.Truthy(0L), Is.False);
            Assert.That(PyOps.Truthy(0.0), Is.False);
            Assert.That(PyOps.Truthy(""), Is.False);
            Assert.That(PyOps.Truthy(new List<object?>()), Is.False);
            Assert.That(PyOps.Truthy(new PyTuple(Array.Empty<object?>())), Is.False);
            Assert.That(PyOps.Truthy(new PyDict()), Is.False);
            Assert.That(PyOps.Truthy(10L), Is.True);
            Assert.That(PyOps.Truthy("x"), Is.True);
        });
    }

    [Test]
    public void Comparisons_order_numbers_strings_and_sequences()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyOps.Compare(1L, 1.5, "<"), Is.True);
            Assert.That(PyOps.Compare("b", "a", "<"), Is.False);
            Assert.That(PyOps.Compare(new List<object?> { 1L, 2L }, new List<object?> { 1L, 3L }, "<"), Is.True);
            // Rich comparisons, not a three-way order: NaN is neither smaller nor larger; astral characters sort by code point.
            Assert.That(PyOps.Compare(double.NaN, 1L, "<") || PyOps.Compare(double.NaN, 1L, ">="), Is.False);
            Assert.That(PyOps.Compare("\uffff", "\U0001F600", "<"), Is.True);
            Assert.That(PyOps.Compare(9007199254740993L, 9007199254740992.0, ">"), Is.True);
            Assert.That(() => PyOps.Compare("a", 1L, "<"), Throws.InstanceOf<PyException>()
                .With.Message.EqualTo("'<' not supported between instances of 'str' and 'int'"));
        });
    }
}

/// <summary>Iteration and identity details that differ from naive .NET.</summary>
public sealed class PyIterationTests
{
    [Test]
    public void A_list_grown_inside_its_for_loop_is_iterated_to_its_new_end()
    {
        var list = new List<object?> { 1L };
        var seen = new List<object?>();
        foreach (var item in PyOps.Iterate(list))
        {
            seen.Add(item);
            if (list.Count < 3)
                list.Add((long)item! + 1);
        }
        Assert.That(seen, Is.EqualTo(new object?[] { 1L, 2L, 3L }));
    }

    [Test]
    public void Is_holds_for_none_bools_small_ints_and_the_same_object()
    {
        var l = new List<object?>();
        Assert.Multiple(() =>
        {
            Assert.That(PyOps.Is(null, null), Is.True);
            Assert.That(PyOps.Is(true, true), Is.True);
            Assert.That(PyOps.Is(5L, 5L), Is.True);
            Assert.That(PyOps.Is(1000L, 1000L), Is.False);
            Assert.That(PyOps.Is(l, l), Is.True);
            Assert.That(PyOps.Is(l, new List<object?>()), Is.False);
        });
    }
}
