using System.Collections.Generic;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Python;

/// <summary>
/// impl's value model on its own, with no interpreter loaded: values made here print, compare and hash as CPython
/// 3.11's (expected texts from python3 3.11.7 evaluating the same expressions, quoted in each comment).
/// </summary>
public sealed class ValueModelTests
{
    private static readonly List<object?> Items = [true, -0.0, 1e16];

    // d = {1: 'a', 1.0: 'b', True: 'c', 2.5: None, (1, 2.0): [True, -0.0, 1e16]}
    private static PyDict MixedKeys()
    {
        var d = new PyDict();
        d[1L] = "a";
        d[1.0] = "b";
        d[true] = "c";
        d[2.5] = null;
        d[new PyTuple([1L, 2.0])] = Items;
        return d;
    }

    [Test]
    public void A_dict_with_int_float_and_bool_keys_keeps_the_first_key_and_the_last_value()
    {
        var d = MixedKeys();

        Assert.Multiple(() =>
        {
            // repr(d) and str(d): "{1: 'c', 2.5: None, (1, 2.0): [True, -0.0, 1e+16]}"
            Assert.That(PyRepr.Repr(d), Is.EqualTo("{1: 'c', 2.5: None, (1, 2.0): [True, -0.0, 1e+16]}"));
            Assert.That(PyRepr.Str(d), Is.EqualTo(PyRepr.Repr(d)));
            Assert.That(d.Count, Is.EqualTo(3));
            // d[(True, 2)] is the list stored under (1, 2.0)
            Assert.That(d[new PyTuple([true, 2L])], Is.SameAs(Items));
            Assert.That(PyOps.TypeName(d), Is.EqualTo("dict"));
        });
    }

    [Test]
    public void Dicts_compare_by_python_equality_of_keys_and_values()
    {
        // d == {True: 'c', 2.5: None, (1.0, 2): [1, 0.0, 10**16]} is True
        var same = new PyDict();
        same[true] = "c";
        same[2.5] = null;
        same[new PyTuple([1.0, 2L])] = new List<object?> { 1L, 0.0, 10_000_000_000_000_000L };
        // d == {1: 'c', 2.5: None, (1, 2): [1, 0.0, 10**16 + 1]} is False
        var other = new PyDict();
        other[1L] = "c";
        other[2.5] = null;
        other[new PyTuple([1L, 2L])] = new List<object?> { 1L, 0.0, 10_000_000_000_000_001L };

        Assert.Multiple(() =>
        {
            Assert.That(PyOps.Eq(MixedKeys(), same), Is.True);
            Assert.That(PyOps.Eq(MixedKeys(), other), Is.False);
        });
    }

    [Test]
    public void Tuples_hash_as_cpython_and_sets_iterate_in_its_order()
    {
        var set = new PySet();
        foreach (var item in new object?[] { 8L, 1.0, true, 16L, 0L })
            set.Add(item);

        Assert.Multiple(() =>
        {
            // hash((1, 2.0)) == hash((True, 2)) == -3550055125485641917
            Assert.That(PyHash.Of(new PyTuple([1L, 2.0])), Is.EqualTo(-3550055125485641917L));
            Assert.That(PyHash.Of(new PyTuple([true, 2L])), Is.EqualTo(-3550055125485641917L));
            // repr({8, 1.0, True, 16, 0}) == "{8, 1.0, 16, 0}"
            Assert.That(PyRepr.Repr(set), Is.EqualTo("{8, 1.0, 16, 0}"));
        });
    }

    [Test]
    public void Lookups_fail_with_cpythons_exceptions()
    {
        var d = MixedKeys();

        Assert.Multiple(() =>
        {
            // d[[1]]: TypeError: unhashable type: 'list'
            var unhashable = Assert.Throws<PyException>(() => _ = d[new List<object?> { 1L }]);
            Assert.That((PyErrors.Name(unhashable!), PyRepr.Str(unhashable)), Is.EqualTo(("TypeError", "unhashable type: 'list'")));
            // d[3]: KeyError, str "3", repr "KeyError(3)"
            var missing = Assert.Throws<PyException>(() => _ = d[3L]);
            Assert.That((PyErrors.Name(missing!), PyRepr.Str(missing), PyRepr.Repr(missing)), Is.EqualTo(("KeyError", "3", "KeyError(3)")));
        });
    }
}
