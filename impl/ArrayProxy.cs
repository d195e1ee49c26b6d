using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing;

/// <summary>CPython's <c>ArrayProxy</c> (<c>Manager().Array(typecode, sequence)</c>): <c>len</c>, <c>a[i]</c> and <c>a[i] = x</c> on an array.array in the server.</summary>
public sealed class ArrayProxy : BaseProxy, IPyIterable
{
    internal ArrayProxy(Token token, byte[] authkey, IReadOnlyList<string> exposed, bool incref, bool managerOwned)
        : base(token, authkey, exposed, "ArrayProxy", isAuto: false, incref, managerOwned)
    {
    }

    /// <summary><c>a[i]</c> and <c>a[i] = value</c> (IndexError, OverflowError, TypeError from the server).</summary>
    public object? this[long index]
    {
        get => CallMethod("__getitem__", A(index));
        set => CallMethod("__setitem__", A(index, value));
    }

    /// <summary><c>len(a)</c>.</summary>
    public int Count => (int)PyOps.AsLong(CallMethod("__len__"));

    /// <summary><c>iter(a)</c>: as CPython's proxy (which has no <c>__iter__</c>), <c>a[0]</c>, <c>a[1]</c>, ... until IndexError, one request each.</summary>
    IEnumerable<object?> IPyIterable.Iterate(object? context)
    {
        for (long i = 0; ; i++)
        {
            object? item;
            try
            {
                item = this[i];
            }
            catch (System.Exception e) when (PyErrors.Matches(e, "IndexError"))
            {
                yield break;
            }
            yield return item;
        }
    }

    /// <summary><c>list(a)</c>: the items, read one by one.</summary>
    public List<object?> ToList() => new(((IPyIterable)this).Iterate(null));
}
