using System;
using Multiprocessing;

namespace Conformance.Backend.CSharp.Values;
/// <summary>A built-in function used as a value (<c>{builtin: len}</c>): inert, it only calls the built-in.</summary>
public sealed record BuiltinFunction(string Name) : IPyObject
{
    /// <inheritdoc />
    public string PyRepr() => Interpreter.IsClassBuiltin(Name) ? $"<class '{Name}'>" : $"<built-in function {Name}>";

    /// <inheritdoc />
    public string PyTypeName => Interpreter.IsClassBuiltin(Name) ? "type" : "builtin_function_or_method";

    /// <inheritdoc />
    public bool PyEquals(object? other) => other is BuiltinFunction f && f.Name == Name;
}
