using System;
using System.Collections.Generic;
using System.Numerics;
using Conformance.Backend.CSharp.Values;
using Multiprocessing.Python;

namespace Conformance.Backend.CSharp;

/// <summary>
/// Arguments of CPython's C-level <c>_multiprocessing.SemLock</c>: <c>acquire(block=True, timeout=None)</c> is
/// Argument Clinic code (Lock, RLock, Semaphore, BoundedSemaphore, and Condition.acquire, which is the lock's bound
/// acquire), so its argument errors use the C wording, not Python's; the constructor's value is a C int.
/// The texts are CPython 3.11's (the snapshots' reference); 3.13 words an unknown keyword like a Python function.
/// </summary>
public sealed partial class Interpreter
{
    /// <summary>(block, timeout) of <c>SemLock.acquire</c>, with CPython 3.11's Argument Clinic errors.</summary>
    private static (bool Block, double? Timeout) BindSemLockAcquire(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        string[] names = ["block", "timeout"];
        if (args.Count > names.Length)
            throw PyErrors.TypeError($"acquire() takes at most {names.Length} arguments ({args.Count + kwargs.Count} given)");
        var values = new object?[] { true, null };
        for (var i = 0; i < names.Length; i++)
        {
            var byName = kwargs.TryGetValue(names[i], out var v);
            if (i < args.Count)
            {
                if (byName)
                    throw PyErrors.TypeError($"argument for acquire() given by name ('{names[i]}') and position ({i + 1})");
                values[i] = args[i];
            }
            else if (byName)
            {
                values[i] = v;
            }
        }
        foreach (var k in kwargs.Keys)
        {
            if (Array.IndexOf(names, k) < 0)
                throw PyErrors.TypeError($"'{k}' is an invalid keyword argument for acquire()");
        }
        return (CInt(values[0]) != 0, Timeout(values[1]));
    }

    /// <summary>A C <c>int</c> argument (CPython's <c>_PyLong_AsInt</c>): OverflowError past 32 bits, TypeError for a non-integer.</summary>
    private static int CInt(object? v)
    {
        var x = Traced.Unwrap(v);
        if (x is BigInteger || (x is long l && l is < int.MinValue or > int.MaxValue))
            throw PyErrors.Create("OverflowError", "Python int too large to convert to C int");
        return (int)PyOps.AsLong(x);
    }
}
