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

/// <summary>Python's lazy builtin <c>map</c> object: applies the function when iterated, once.</summary>
public sealed class PyMap : IPyObject, IPyIterable
{
    private readonly object? _function;
    private readonly List<List<object?>> _iterables;
    private bool _consumed;

    /// <summary>Creates <c>map(function, *iterables)</c> over already materialised iterables.</summary>
    public PyMap(object? function, List<List<object?>> iterables)
    {
        _function = function;
        _iterables = iterables;
    }

    /// <summary>Yields <c>function(*items)</c> for each position; an exhausted map yields nothing.</summary>
    public IEnumerable<object?> Iterate(Interpreter interpreter)
    {
        if (_consumed)
            yield break;
        _consumed = true;
        var n = int.MaxValue;
        foreach (var it in _iterables)
            n = System.Math.Min(n, it.Count);
        for (var i = 0; i < n && _iterables.Count > 0; i++)
        {
            var args = new List<object?>();
            foreach (var it in _iterables)
                args.Add(it[i]);
            yield return interpreter.CallValue(_function, args, new Dictionary<string, object?>());
        }
    }

    /// <inheritdoc />
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
public sealed class PyLambda : IPyObject
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
}
