using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Python;

/// <summary>Slices, membership, ** and unary minus of the C# value model; expected values are CPython 3.11's.</summary>
public sealed class PyExprTests
{
    private static List<object?> Range(int n) => Enumerable.Range(0, n).Select(i => (object?)(long)i).ToList();

    private static string Slice(object? v, object? start, object? stop, object? step) => PyRepr.Repr(PySlice.Get(v, start, stop, step));

    [Test]
    public void Slices_adjust_negative_and_out_of_range_bounds_as_CPython()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Slice(Range(6), null, null, -1L), Is.EqualTo("[5, 4, 3, 2, 1, 0]"));
            Assert.That(Slice(Range(6), -1L, -4L, -1L), Is.EqualTo("[5, 4, 3]"));
            Assert.That(Slice(Range(6), 100L, null, -3L), Is.EqualTo("[5, 2]"));
            Assert.That(Slice(Range(6), 1L, 4L, -1L), Is.EqualTo("[]"));
            Assert.That(Slice(Range(6), BigInteger.Pow(10, 30), null, null), Is.EqualTo("[]"));
            Assert.That(Slice(Range(6), null, null, -BigInteger.Pow(10, 30)), Is.EqualTo("[5]"));
            Assert.That(Slice(Range(6), true, 3L, 2L), Is.EqualTo("[1]"));
            Assert.That(Slice("ab\U0001F600c", null, null, -1L), Is.EqualTo("'c\U0001F600ba'"));
            Assert.That(Slice(new PyTuple([1L, 2L, 3L]), 1L, null, null), Is.EqualTo("(2, 3)"));
        });
    }

    [Test]
    public void A_zero_step_is_reported_before_a_bad_bound()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => PySlice.Get(Range(3), "x", null, 0L), Throws.Exception.With.Message.EqualTo("slice step cannot be zero"));
            Assert.That(() => PySlice.Get(Range(3), "x", null, null), Throws.Exception.With.Message.EqualTo("slice indices must be integers or None or have an __index__ method"));
            Assert.That(() => PySlice.Get(new PyDict(), 0L, 1L, null), Throws.Exception.With.Message.EqualTo("unhashable type: 'slice'"));
        });
    }

    [Test]
    public void Deleting_a_slice_with_a_step_removes_exactly_the_selected_items()
    {
        var xs = Range(10);
        PySlice.Delete(xs, null, null, -3L); // 9, 6, 3, 0
        Assert.That(PyRepr.Repr(xs), Is.EqualTo("[1, 2, 4, 5, 7, 8]"));
    }

    [Test]
    public void Item_deletion_errors_use_CPythons_two_wordings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => PySlice.DeleteItem(new PyTuple([1L]), 0L), Throws.Exception.With.Message.EqualTo("'tuple' object doesn't support item deletion"));
            Assert.That(() => PySlice.DeleteItem(new PyTuple([1L]), "a"), Throws.Exception.With.Message.EqualTo("'tuple' object does not support item deletion"));
            Assert.That(() => PySlice.DeleteItem(5L, 0L), Throws.Exception.With.Message.EqualTo("'int' object does not support item deletion"));
            Assert.That(() => PySlice.DeleteItem(Range(2), 2L), Throws.Exception.With.Message.EqualTo("list assignment index out of range"));
            Assert.That(() => PySlice.DeleteItem(new PyDict(), "k"), Throws.Exception.With.Message.EqualTo("'k'"));
        });
    }

    [Test]
    public void Membership_follows_the_container()
    {
        var d = new PyDict { ["a"] = 1L };
        Assert.Multiple(() =>
        {
            Assert.That(PyExpr.Contains(new List<object?> { 1L }, 1.0), Is.True);
            Assert.That(PyExpr.Contains("hello", ""), Is.True);
            Assert.That(PyExpr.Contains(d, "a"), Is.True);
            Assert.That(PyExpr.Contains(new PyDictView(d, "items"), new PyTuple(["a", 1L])), Is.True);
            Assert.That(PyExpr.Contains(new PyDictView(d, "items"), "a"), Is.False);
            Assert.That(PyExpr.Contains(new PyDictView(d, "values"), new List<object?>()), Is.False);
            Assert.That(() => PyExpr.Contains(new PyDictView(d, "keys"), new List<object?>()), Throws.Exception.With.Message.EqualTo("unhashable type: 'list'"));
            Assert.That(() => PyExpr.Contains("abc", 1L), Throws.Exception.With.Message.EqualTo("'in <string>' requires string as left operand, not int"));
            Assert.That(() => PyExpr.Contains(null, 1L), Throws.Exception.With.Message.EqualTo("argument of type 'NoneType' is not iterable"));
        });
    }

    [Test]
    public void Power_is_exact_for_ints_and_float_pow_otherwise()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyRepr.Repr(PyExpr.Pow(2L, 100L)), Is.EqualTo("1267650600228229401496703205376"));
            Assert.That(PyExpr.Pow(-1L, BigInteger.Pow(10, 20) + 1), Is.EqualTo(-1L));
            Assert.That(PyExpr.Pow(2L, -1L), Is.EqualTo(0.5));
            Assert.That(PyExpr.Pow(double.PositiveInfinity, -3L), Is.EqualTo(0.0));
            Assert.That(double.IsNegative((double)PyExpr.Pow(double.NegativeInfinity, -3L)!), Is.True);
            Assert.That(PyExpr.Pow(double.NaN, 0L), Is.EqualTo(1.0));
            Assert.That(() => PyExpr.Pow(0L, -1L), Throws.Exception.With.Message.EqualTo("0.0 cannot be raised to a negative power"));
            Assert.That(() => PyExpr.Pow(10.0, 400L), Throws.Exception.With.Message.EqualTo("(34, 'Numerical result out of range')"));
            Assert.That(() => PyExpr.Pow(-8L, 0.5), Throws.TypeOf<ScenarioViolation>());
            Assert.That(() => PyExpr.Pow(3L, BigInteger.Pow(10, 12)), Throws.Exception.With.Message.Empty.And.Property("PyType").EqualTo("MemoryError"));
        });
    }

    [Test]
    public void Negating_the_smallest_long_leaves_64_bits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyExpr.Negate(long.MinValue), Is.EqualTo(-(BigInteger)long.MinValue));
            Assert.That(PyExpr.Negate(-(BigInteger)long.MinValue), Is.EqualTo(long.MinValue));
            Assert.That(PyExpr.Negate(true), Is.EqualTo(-1L));
            Assert.That(() => PyExpr.Negate("a"), Throws.Exception.With.Message.EqualTo("bad operand type for unary -: 'str'"));
        });
    }

    /// <summary>A lazy iterable as an interpreter makes one (a map, a generator): it counts the items drawn.</summary>
    private sealed class Lazy(params object?[] items) : IPyIterable
    {
        public int Drawn { get; private set; }

        public object? Context { get; private set; }

        public IEnumerable<object?> Iterate(object? context)
        {
            Context = context;
            foreach (var item in items)
            {
                Drawn++;
                yield return item;
            }
        }
    }

    [Test]
    public void Membership_and_iteration_draw_a_lazy_iterable_through_its_hook()
    {
        // CPython: `2 in map(f, [1, 2, 3])` stops drawing at the first equal item; list(m) passes no context here.
        var lazy = new Lazy(1L, 2.0, 3L);
        var context = new object();
        Assert.Multiple(() =>
        {
            Assert.That(PyExpr.Contains(lazy, 2L), Is.True);
            Assert.That(lazy.Drawn, Is.EqualTo(2));
            Assert.That(PyOps.Iterate(new Lazy("a", "b"), context).ToList(), Is.EqualTo(new object?[] { "a", "b" }));
            var passed = new Lazy();
            _ = PyOps.Iterate(passed, context).ToList();
            Assert.That(passed.Context, Is.SameAs(context));
        });
    }
}
