using System.Linq;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>CPython's <c>multiprocessing.managers.Namespace</c>, the referent of a NamespaceProxy: attributes in insertion order; repr sorted, without <c>_</c> names.</summary>
internal sealed class ManagedNamespace : IPyObject
{
    public PyDict Attributes { get; } = new();

    public object? Get(string name) =>
        Attributes.TryGet(name, out var v) ? v : throw new AttributeError($"'Namespace' object has no attribute '{name}'");

    public void Set(string name, object? value) => Attributes[name] = value;

    public void Delete(string name)
    {
        if (!Attributes.ContainsKey(name)) throw new AttributeError($"'Namespace' object has no attribute '{name}'");
        Attributes.Remove(name);
    }

    public string PyRepr()
    {
        var items = Attributes.Keys.Select((k, i) => (Name: (string)k!, Value: Attributes.Values[i]))
            .Where(x => !x.Name.StartsWith('_'))
            .Select(x => x.Name + "=" + Python.PyRepr.Repr(x.Value))
            .ToList();
        items.Sort(PyOps.CompareCodePoints);
        return "Namespace(" + string.Join(", ", items) + ")";
    }

    public string PyTypeName => "Namespace";
}
