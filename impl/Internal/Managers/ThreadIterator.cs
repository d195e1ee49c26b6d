using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>The referent of CPython's IteratorProxy (what a DictProxy's <c>__iter__</c> returns): the dict's keys as they were when iteration began.</summary>
internal sealed class ThreadIterator : IPyObject
{
    private readonly List<object?> _items;
    private int _next;

    public ThreadIterator(List<object?> items) => _items = items;

    /// <summary><c>__next__()</c>: the next key, or StopIteration at the end.</summary>
    public object? Next()
    {
        lock (_items)
        {
            if (_next >= _items.Count) throw PyErrors.Raise("StopIteration", []);
            return _items[_next++];
        }
    }

    public string PyRepr() => $"<dict_keyiterator object at {Python.PyRepr.Address(this)}>";

    public string PyTypeName => "dict_keyiterator";
}
