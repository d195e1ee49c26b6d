using System.Collections.Generic;

namespace Conformance.Backend.CSharp.Values;

/// <summary>
/// An instance of a scenario's user class (not a Process subclass): the class name and the instance's attributes.
/// Pickles by value (class name + fields), like a plain Python object whose class pickles by reference.
/// </summary>
public sealed class ScenarioObject : IPyObject
{
    /// <summary>Creates an instance of <paramref name="className"/> with <paramref name="fields"/> (in field order).</summary>
    public ScenarioObject(string className, Dictionary<string, object?> fields)
    {
        ClassName = className;
        Fields = fields;
    }

    /// <summary>The scenario class name (Python <c>type(self).__name__</c>).</summary>
    public string ClassName { get; }

    /// <summary>The instance's attributes (<c>self.__dict__</c>).</summary>
    public Dictionary<string, object?> Fields { get; }

    /// <summary>A stable fake address for the default repr (scrubbed by the harness anyway).</summary>
    public static string Address(object o) => global::Multiprocessing.Python.PyRepr.Address(o);

    /// <inheritdoc />
    public string PyStr() => Interpreter.Current.UserStr(this);

    /// <inheritdoc />
    public string PyRepr() => Interpreter.Current.UserRepr(this);

    /// <inheritdoc />
    public string PyTypeName => ClassName;

    /// <inheritdoc />
    public string PyTypeModule => "__main__";
}
