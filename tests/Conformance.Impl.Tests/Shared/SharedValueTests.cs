using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using Multiprocessing;
using Multiprocessing.Python;
using NUnit.Framework;
using Lock = Multiprocessing.Lock;
using Process = Multiprocessing.Process;

namespace Conformance.Impl.Tests.Shared;

public class SharedValueTests : ImplTestBase
{
    [Test]
    public void Value_reprs_names_and_typecodes_are_cpythons()
    {
        Assert.That(Mp.Value("i", 5L).PyRepr(), Is.EqualTo("<Synchronized wrapper for c_int(5)>"));
        Assert.That(Mp.RawValue("i", 5L).PyRepr(), Is.EqualTo("c_int(5)"));
        Assert.That(Mp.Value("q").PyRepr(), Is.EqualTo("<Synchronized wrapper for c_long(0)>"), "c_longlong is c_long on LP64");
        Assert.That(Mp.Value("d").PyRepr(), Is.EqualTo("<Synchronized wrapper for c_double(0.0)>"));
        Assert.That(Mp.Value("c").PyRepr(), Is.EqualTo("<Synchronized wrapper for c_char(b'\\x00')>"));
        Assert.That(Mp.Value("c", new byte[] { (byte)'x' }).Value, Is.EqualTo(new byte[] { (byte)'x' }));
        Assert.That(Mp.Value("f", 0.1).Value, Is.EqualTo((double)0.1f), "a C float");
        Assert.That(Mp.Value("i", 1L).GetObj().PyRepr(), Is.EqualTo("c_int(1)"));
        Assert.That(Mp.Value("i", 1L).GetLock().ToString(), Is.EqualTo("<RLock(None, 0)>"));
        var bad = Assert.Throws<PyException>(() => Mp.Value("x"));
        Assert.That((bad!.PyType, bad.Message), Is.EqualTo(("TypeError", "this type has no size")));
        var raw = Assert.Throws<AttributeError>(() => Mp.RawValue("i", 1L).GetLock());
        Assert.That(raw!.Message, Is.EqualTo("'c_int' object has no attribute 'get_lock'"));
        raw = Assert.Throws<AttributeError>(() => Mp.Value("i", 1L, @lock: false).GetLock());
        Assert.That(raw!.Message, Is.EqualTo("'c_int' object has no attribute 'get_lock'"));
        var notALock = Assert.Throws<AttributeError>(() => Mp.Value("i", 1L, @lock: 5L));
        Assert.That(notALock!.Message, Is.EqualTo("5 has no method 'acquire'"));
        var l = new Lock();
        Assert.That(Mp.Value("i", 1L, @lock: l).GetLock(), Is.SameAs(l));
    }

    [TestCase("i", 2147483647L, 1L, -2147483648L)]
    [TestCase("b", 127L, 1L, -128L)]
    [TestCase("B", 255L, 1L, 0L)]
    [TestCase("h", 32767L, 1L, -32768L)]
    [TestCase("H", 0L, -1L, 65535L)]
    [TestCase("I", 0L, -1L, 4294967295L)]
    [TestCase("l", long.MaxValue, 1L, long.MinValue)]
    public void Integer_typecodes_wrap_around_as_ctypes_stores_them(string code, long start, long add, long expected)
    {
        var v = Mp.Value(code, start);
        v.Value = (BigInteger)(long)v.Value + add;
        Assert.That(v.Value, Is.EqualTo(expected));
    }

    [Test]
    public void Unsigned_64_bit_values_past_long_are_big_ints_and_bad_values_are_type_errors()
    {
        Assert.That(Mp.Value("Q", -1L).Value, Is.EqualTo(new BigInteger(ulong.MaxValue)));
        Assert.That(Mp.Value("i", BigInteger.Pow(2, 64) + 7).Value, Is.EqualTo(7L));
        Assert.That(Assert.Throws<PyException>(() => Mp.Value("i", "x"))!.Message, Is.EqualTo("'str' object cannot be interpreted as an integer"));
        Assert.That(Assert.Throws<PyException>(() => Mp.Value("i", 1.5))!.Message, Is.EqualTo("'float' object cannot be interpreted as an integer"));
        Assert.That(Assert.Throws<PyException>(() => Mp.Value("d", "x"))!.Message, Is.EqualTo("must be real number, not str"));
        Assert.That(Assert.Throws<PyException>(() => Mp.Value("c", "x"))!.Message, Is.EqualTo("one character bytes, bytearray or integer expected"));
        Assert.That(Mp.Value("d", 1L).Value, Is.EqualTo(1.0));
    }

    [Test]
    public void Arrays_index_slice_and_report_cpythons_errors()
    {
        var a = Mp.Array("i", SharedTargets.Items(1L, 2L, 3L, 4L, 5L));
        Assert.That(a.PyRepr(), Does.Match(@"^<SynchronizedArray wrapper for <multiprocessing\.sharedctypes\.c_int_Array_5 object at 0x[0-9a-f]+>>$"));
        Assert.That(a.Length, Is.EqualTo(5));
        Assert.That(a[-1], Is.EqualTo(5L));
        Assert.That(a.GetSlice(1L, 3L), Is.EqualTo(SharedTargets.Items(2L, 3L)));
        Assert.That(a.GetSlice(null, null, -2L), Is.EqualTo(SharedTargets.Items(5L, 3L, 1L)));
        a.SetSlice(0L, 5L, 2L, SharedTargets.Items(7L, 8L, 9L));
        Assert.That(a.ToList(), Is.EqualTo(new object[] { 7L, 2L, 8L, 4L, 9L }));
        Assert.That(Assert.Throws<ValueError>(() => a.SetSlice(0L, 2L, null, SharedTargets.Items(1L)))!.Message, Is.EqualTo("Can only assign sequence of same size"));
        Assert.That(Assert.Throws<PyException>(() => _ = a[5])!.Message, Is.EqualTo("invalid index"));
        Assert.That(Assert.Throws<PyException>(() => a[-6] = 1L)!.Message, Is.EqualTo("invalid index"));
        Assert.That(Assert.Throws<PyException>(() => a.GetItem("x"))!.Message, Is.EqualTo("indices must be integers"));
        Assert.That(Assert.Throws<ValueError>(() => Mp.Array("i", -1L))!.Message, Is.EqualTo("Array length must be >= 0, not -1"));
        Assert.That(Assert.Throws<PyException>(() => Mp.Array("i", 2.5))!.Message, Is.EqualTo("object of type 'float' has no len()"));
        Assert.That(a.Sum(x => (long)x), Is.EqualTo(30L), "iteration");
        var raw = Mp.RawArray("d", 3L);
        Assert.That(raw.PyTypeName, Is.EqualTo("c_double_Array_3"));
        Assert.That(raw.ToList(), Is.EqualTo(new object[] { 0.0, 0.0, 0.0 }));
        Assert.That(Assert.Throws<AttributeError>(() => raw.GetLock())!.Message, Is.EqualTo("'c_double_Array_3' object has no attribute 'get_lock'"));
        Assert.That(Mp.Array("c", new byte[] { 97, 98, 99 }).GetSlice(null, null), Is.EqualTo(new byte[] { 97, 98, 99 }));
    }

    [Test]
    public void A_value_incremented_under_its_lock_by_two_processes_loses_nothing()
    {
        var v = Mp.Value("i", 0L);
        var ps = Enumerable.Range(0, 2).Select(_ => new Process(SharedTargets.IncrementLocked, [v, 2000])).ToList();
        ps.ForEach(p => p.Start());
        ps.ForEach(p => p.Join(20));
        Assert.That(ps.Select(p => p.ExitCode), Is.All.EqualTo(0));
        Assert.That(v.Value, Is.EqualTo(4000L));
    }

    [Test]
    public void A_child_writes_an_array_the_parent_reads()
    {
        var a = Mp.Array("q", 4L, @lock: false);
        var done = Mp.RawValue("i");
        var p = new Process(SharedTargets.FillArray, [a, done]);
        p.Start();
        p.Join(20);
        Assert.That(p.ExitCode, Is.EqualTo(0));
        Assert.That(done.Value, Is.EqualTo(1L));
        Assert.That(a.ToList(), Is.EqualTo(new object[] { 0L, 1L, 4L, 9L }));
    }

    [Test]
    public void The_segment_is_a_named_dev_shm_object_reported_to_the_tracker()
    {
        var thread = System.Environment.CurrentManagedThreadId;
        var seen = new List<(string, string)>();
        void OnRegistered(string name, string type)
        {
            if (System.Environment.CurrentManagedThreadId == thread) seen.Add((name, type));
        }
        NamedResources.Registered += OnRegistered;
        try
        {
            Mp.RawValue("i", 1L);
        }
        finally
        {
            NamedResources.Registered -= OnRegistered;
        }
        Assert.That(seen, Has.Count.EqualTo(1));
        Assert.That(seen[0].Item2, Is.EqualTo("shared_memory"));
        Assert.That(seen[0].Item1, Does.Match($@"^/mp-{System.Environment.ProcessId}-[0-9a-f]{{8}}$"));
        Assert.That(File.Exists("/dev/shm" + seen[0].Item1), Is.True);
    }

    [Test]
    public void A_shared_value_outside_spawning_is_refused_as_cpython_does()
    {
        var q = new SimpleQueue();
        var e = Assert.Throws<RuntimeError>(() => q.Put(Mp.Value("i")));
        Assert.That(e!.Message, Is.EqualTo("Synchronized objects should only be shared between processes through inheritance"));
        q.Close();
    }
}
