namespace Conformance.Harness.Fuzzing.Internal;

/// <summary>The static type the generator aims an expression at (<see cref="Any"/>: unknown, e.g. a list item).</summary>
internal enum ValueType
{
    Int,
    Float,
    Bool,
    Str,
    None,
    List,
    Tuple,
    Dict,
    Any,
    Exception,
}
