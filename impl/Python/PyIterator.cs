using System.Collections.Generic;

namespace Multiprocessing.Python;

/// <summary>
/// A Python iterator (<c>iter(x)</c>, <c>zip</c>, <c>enumerate</c>, <c>reversed</c>): lazy, consumed once, with
/// CPython's type name (<c>list_iterator</c>, <c>str_ascii_iterator</c>, <c>zip</c>, ...) for its repr and type().
/// </summary>
public sealed class PyIterator : IPyObject
{
    private readonly IEnumerator<object?> _items;
    private bool _done;

    /// <summary>An iterator named <paramref name="typeName"/> over <paramref name="items"/> (evaluated lazily).</summary>
    public PyIterator(string typeName, IEnumerable<object?> items)
    {
        TypeName = typeName;
        _items = items.GetEnumerator();
    }

    /// <summary>CPython's type name of the iterator.</summary>
    public string TypeName { get; }

    /// <summary>Python <c>next(it)</c>: false once exhausted (and for ever after).</summary>
    public bool TryNext(out object? item)
    {
        if (!_done && _items.MoveNext())
        {
            item = _items.Current;
            return true;
        }
        _done = true;
        item = null;
        return false;
    }

    /// <summary>The remaining items, drawn one at a time (a loop that breaks leaves the rest).</summary>
    public IEnumerable<object?> Rest()
    {
        while (TryNext(out var item))
            yield return item;
    }

    /// <inheritdoc />
    public string PyRepr() => $"<{TypeName} object at {Python.PyRepr.Address(this)}>";
}
