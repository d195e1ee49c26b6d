using System;
using System.Collections.Generic;

namespace Conformance.Backend.CSharp.Values;

/// <summary>A scenario function used as a value (<c>$worker</c>): pickles by name, like a module-level function.</summary>
public sealed class UserFunction : IPyObject
{
    /// <summary>Refers to the scenario function <paramref name="name"/>.</summary>
    public UserFunction(string name) => Name = name;

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public string PyRepr() => $"<function {Name} at {ScenarioObject.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => "function";

    /// <inheritdoc />
    public bool PyEquals(object? other) => other is UserFunction g && g.Name == Name;
}

/// <summary>A scenario class used as a value (<c>$Task</c>).</summary>
public sealed class UserClass : IPyObject
{
    /// <summary>Refers to the scenario class <paramref name="name"/>.</summary>
    public UserClass(string name) => Name = name;

    /// <summary>The class name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public string PyRepr() => $"<class '__main__.{Name}'>";

    /// <inheritdoc />
    public string PyTypeName => "type";

    /// <inheritdoc />
    public bool PyEquals(object? other) => other is UserClass k && k.Name == Name;
}

/// <summary>A user method bound to its instance (<c>$obj.method</c> used as a value).</summary>
public sealed class BoundMethod : IPyObject
{
    /// <summary>Binds <paramref name="method"/> of <paramref name="self"/>'s class to it.</summary>
    public BoundMethod(object self, string className, string method)
    {
        Self = self;
        ClassName = className;
        Method = method;
    }

    /// <summary>The instance.</summary>
    public object Self { get; }

    /// <summary>The class that defines the method.</summary>
    public string ClassName { get; }

    /// <summary>The method name.</summary>
    public string Method { get; }

    /// <inheritdoc />
    public string PyRepr() => $"<bound method {ClassName}.{Method} of {Multiprocessing.Python.PyRepr.Repr(Self)}>";

    /// <inheritdoc />
    public string PyTypeName => "method";
}

/// <summary>
/// Python's lazy builtin <c>map</c> object, its own iterator: each <c>next</c> draws one item from each iterator (in
/// order, stopping at the first exhausted one, as CPython's map_next) and then calls the function.
/// </summary>
public sealed class PyMap : IPyObject, IPyIterable
{
    private readonly object? _function;
    private readonly List<object> _iterators;

    /// <summary>Creates <c>map(function, *iterables)</c> over the iterators <c>iter()</c> gave for each iterable.</summary>
    public PyMap(object? function, List<object> iterators)
    {
        _function = function;
        _iterators = iterators;
    }

    /// <summary>Python <c>next(m)</c>: false when an iterator is exhausted.</summary>
    public bool TryNext(Interpreter interpreter, out object? value)
    {
        value = null;
        var args = new List<object?>(_iterators.Count);
        foreach (var it in _iterators)
        {
            if (!interpreter.TryNext(it, out var item))
                return false;
            args.Add(item);
        }
        try
        {
            value = interpreter.CallValue(_function, args, new Dictionary<string, object?>());
        }
        catch (PyException e) when (PyErrors.Matches(e, "StopIteration"))
        {
            return false; // the function's StopIteration leaves map's __next__: its consumer sees the end, as in CPython
        }
        return true;
    }

    /// <summary>Yields <c>function(*items)</c> lazily, one next at a time (a loop that breaks leaves the rest).</summary>
    public IEnumerable<object?> Iterate(Interpreter interpreter)
    {
        while (TryNext(interpreter, out var value))
            yield return value;
    }

    /// <inheritdoc />
    IEnumerable<object?> IPyIterable.Iterate(object? context) => Iterate(context as Interpreter ?? Interpreter.Current);

    /// <inheritdoc />
    public string PyRepr() => $"<map object at {ScenarioObject.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => "map";
}

/// <summary>What <c>parent_process()</c> returns in a child: its name and pid.</summary>
public sealed class ParentProcessInfo : IPyObject
{
    /// <summary>Describes the parent process.</summary>
    public ParentProcessInfo(string name, int pid)
    {
        Name = name;
        Pid = pid;
    }

    /// <summary>The parent's name.</summary>
    public string Name { get; }

    /// <summary>The parent's pid.</summary>
    public int Pid { get; }

    /// <inheritdoc />
    public string PyRepr() => $"<_ParentProcess name='{Name}' parent=None unknown>";
}

/// <summary>A lambda: a callable closure over the frame it was made in (<c>{lambda: value, params: [x]}</c>).</summary>
public sealed class PyLambda : IPyObject, IPyUnpicklable
{
    internal PyLambda(string qualname, IReadOnlyList<string> parameters, object? body, object closure)
    {
        Qualname = qualname;
        Parameters = parameters;
        Body = body;
        Closure = closure;
    }

    /// <summary>The qualified name: <c>&lt;lambda&gt;</c> in main, <c>f.&lt;locals&gt;.&lt;lambda&gt;</c> in a function.</summary>
    public string Qualname { get; }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The value expression.</summary>
    public object? Body { get; }

    /// <summary>The interpreter's frame it closes over.</summary>
    internal object Closure { get; }

    /// <inheritdoc />
    public string PyRepr() => $"<function {Qualname} at {ScenarioObject.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => "function";

    /// <summary>CPython's: PicklingError for a module-level lambda, AttributeError for a local one (its qualname has &lt;locals&gt;).</summary>
    public Exception PicklingError() => Qualname.Contains("<locals>", StringComparison.Ordinal)
        ? new Multiprocessing.AttributeError($"Can't pickle local object '{Qualname}'")
        : new Multiprocessing.PicklingError($"Can't pickle {PyRepr()}: attribute lookup {Qualname} on __main__ failed");
}
