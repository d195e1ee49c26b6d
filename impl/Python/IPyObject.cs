namespace Multiprocessing.Python;

/// <summary>A value with its own Python <c>str</c> and <c>repr</c> (scenario objects, primitives, proxies).</summary>
/// <remarks>CPython's object protocol (<c>__str__</c>, <c>__repr__</c>, <c>type(self)</c>, <c>__eq__</c>) for the value model's own objects and its users' (an interpreter's functions, instances, handles).</remarks>
public interface IPyObject
{
    /// <summary>Python <c>str(self)</c>.</summary>
    string PyStr() => PyRepr();

    /// <summary>Python <c>repr(self)</c>.</summary>
    string PyRepr();

    /// <summary>Python <c>type(self).__name__</c> (<see cref="PyOps.TypeName"/>); by default the C# class name.</summary>
    string PyTypeName => GetType().Name;

    /// <summary>Python <c>type(self).__module__</c> as <see cref="PyType"/> shows it: <c>builtins</c> unless the class is a user's (<c>__main__</c>).</summary>
    string PyTypeModule => "builtins";

    /// <summary>Python <c>self == other</c> (<see cref="PyOps.Eq"/>) for an object of this kind: by default identity, as <c>object.__eq__</c>.</summary>
    bool PyEquals(object? other) => ReferenceEquals(this, other);
}
