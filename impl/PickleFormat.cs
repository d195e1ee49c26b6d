namespace Multiprocessing;

/// <summary>
/// How <see cref="Connection.Send"/> and <see cref="Connection.Recv"/> serialise objects: CPython's
/// <c>ForkingPickler</c> is <see cref="CPython"/> (for a Python peer), this library's <see cref="Pickler"/> is <see cref="Impl"/>.
/// </summary>
public enum PickleFormat
{
    /// <summary>This library's <see cref="Pickler"/> format (any picklable .NET value; both ends must be this library).</summary>
    Impl,

    /// <summary>
    /// CPython's pickle (protocol 4 written; protocols 0–5 read): None, bool, int, float, str, bytes, tuple, list, dict,
    /// set and frozenset only. Reading refuses every opcode that would import or call anything.
    /// </summary>
    CPython,
}
