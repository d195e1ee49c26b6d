using System.Collections.Generic;
using System.Linq;

namespace Conformance.Backend.CSharp.Values;

/// <summary>
/// CPython's <c>types.GenericAlias</c> as a scenario sees it (conformance_runner.py's <c>AliasView</c>): what
/// subscripting a class view gives (<c>list[int]</c>, <c>multiprocessing.queues.SimpleQueue[int]</c>), shown by its
/// repr and compared by it; it cannot be called and has no attributes in the language.
/// </summary>
/// <param name="Repr">CPython's repr of the alias.</param>
public sealed record GenericAliasView(string Repr) : IPyObject
{
    /// <summary>
    /// The classes CPython 3.11 can subscript among those a scenario reaches (their <c>__class_getitem__</c>), by
    /// module and name. Queue and JoinableQueue only gained it in 3.12 (checklist Q-16).
    /// </summary>
    private static readonly HashSet<(string Module, string Name)> Subscriptable =
    [
        ("builtins", "list"), ("builtins", "tuple"), ("builtins", "dict"), ("builtins", "set"), ("builtins", "type"),
        ("multiprocessing.queues", "SimpleQueue"),
        ("multiprocessing.pool", "ApplyResult"), ("multiprocessing.pool", "MapResult"),
        ("multiprocessing.managers", "ValueProxy"),
    ];

    /// <summary>
    /// <c>cls[key]</c> of a class view: the key (a class view that is not a user class, an alias, None, or a tuple of
    /// them) is checked first, then CPython's <c>TypeError: type 'Queue' is not subscriptable</c> for a class without
    /// <c>__class_getitem__</c>.
    /// </summary>
    public static GenericAliasView Subscript(PyType origin, object? key)
    {
        var args = key is PyTuple t ? (t.Items.Count == 0 ? "()" : string.Join(", ", t.Items.Select(Argument))) : Argument(key);
        if (!Subscriptable.Contains((origin.Module, origin.Name)))
            throw PyErrors.TypeError($"type '{origin.Name}' is not subscriptable");
        return new GenericAliasView($"{Qualified(origin)}[{args}]");
    }

    private static string Qualified(PyType type) => type.Module == "builtins" ? type.Name : $"{type.Module}.{type.Name}";

    private static string Argument(object? arg) => arg switch
    {
        null => "None",
        PyType { Module: not "__main__" } type => Qualified(type),
        GenericAliasView alias => alias.Repr,
        // A user class would show its real module (conformance_user), and other values are outside the model.
        _ => throw new ScenarioViolation("generic alias argument", Multiprocessing.Python.PyRepr.Repr(arg)),
    };

    /// <inheritdoc />
    public string PyRepr() => Repr;

    /// <inheritdoc />
    public string PyTypeName => "GenericAlias";

    /// <inheritdoc />
    public string PyTypeModule => "types";

    /// <inheritdoc />
    public bool PyEquals(object? other) => other is GenericAliasView a && a.Repr == Repr;
}
