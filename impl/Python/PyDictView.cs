using System.Collections.Generic;
using System.Linq;

namespace Multiprocessing.Python;

/// <summary><c>d.keys()</c>, <c>d.values()</c>, <c>d.items()</c>: a live view of the dict (iterable, sized, not subscriptable), printed <c>dict_keys([...])</c>.</summary>
public sealed class PyDictView(PyDict dict, string kind) : IPyObject
{
    /// <summary><c>dict_keys</c>, <c>dict_values</c> or <c>dict_items</c>.</summary>
    public string TypeName => "dict_" + kind;

    /// <summary>The items now (the view follows the dict).</summary>
    public List<object?> Items() => kind switch
    {
        "keys" => dict.Keys.ToList(),
        "values" => dict.Values.ToList(),
        _ => dict.Keys.Select((k, i) => (object?)new PyTuple(new[] { k, dict.Values[i] })).ToList(),
    };

    /// <summary>Iterating the view: live, with CPython's error when the dict changes size meanwhile.</summary>
    public IEnumerable<object?> Iterate() => kind switch
    {
        "keys" => dict.Live(i => dict.Keys[i]),
        "values" => dict.Live(i => dict.Values[i]),
        _ => dict.Live(i => new PyTuple(new[] { dict.Keys[i], dict.Values[i] })),
    };

    /// <inheritdoc />
    public string PyRepr() => TypeName + "(" + global::Multiprocessing.Python.PyRepr.Repr(Items()) + ")";
}
