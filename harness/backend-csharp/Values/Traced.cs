namespace Conformance.Backend.CSharp.Values;

/// <summary>
/// A labelled handle on an impl primitive; method calls through it are traced. It pickles as a plain object (its
/// fields), so the primitive inside follows impl's own pickling rules and the label travels with it.
/// </summary>
public sealed class Traced : IPyObject, IPyWrapper
{
    /// <summary>Wraps <paramref name="obj"/>, a <paramref name="typeName"/> (Queue, Lock, Process, ...).</summary>
    public Traced(object obj, string typeName, string? label = null)
    {
        Obj = obj;
        TypeName = typeName;
        Label = label;
    }

    /// <summary>The impl object.</summary>
    public object Obj { get; }

    /// <summary>The primitive's type name recorded in the trace (<c>Process</c> for a user Process subclass).</summary>
    public string TypeName { get; }

    /// <summary>The variable name of the first <c>set</c> that bound it, or null.</summary>
    public string? Label { get; set; }

    /// <summary>The label written in trace events: the label, or the lower-cased type name.</summary>
    public string TraceLabel => Label ?? TypeName.ToLowerInvariant();

    /// <inheritdoc />
    public string PyStr() => Obj is Multiprocessing.Connection ? PyRepr() : global::Multiprocessing.Python.PyRepr.Str(Obj);

    /// <inheritdoc />
    public string PyRepr() => Obj is Multiprocessing.Connection
        ? "<multiprocessing.connection.Connection object at " + global::Multiprocessing.Python.PyRepr.Address(Obj) + ">" // CPython's default repr
        : global::Multiprocessing.Python.PyRepr.Repr(Obj);

    /// <inheritdoc />
    public string PyTypeName => Obj is Multiprocessing.Connection ? "Connection" : PyOps.TypeName(Obj);

    /// <inheritdoc />
    object? IPyWrapper.Wrapped => Obj;

    /// <summary>The impl object when <paramref name="value"/> is traced, else the value.</summary>
    public static object? Unwrap(object? value) => value is Traced t ? t.Obj : value;
}
