using System.Collections.Generic;

namespace Multiprocessing.Internal;

/// <summary>
/// The allow-list <see cref="PyPickleReader"/> consults for the opcodes that import or call (CPython's
/// <c>Unpickler.find_class</c> and the REDUCE/NEWOBJ/BUILD it leads to), matched by name and never imported. Without
/// one (a <see cref="Connection"/> in <see cref="PickleFormat.CPython"/>) the reader refuses every such opcode.
/// </summary>
internal interface IPickleGlobals
{
    /// <summary>Why the reader refuses an opcode it does not know, for the error (what the peer may send instead).</summary>
    string OpcodeRefusal { get; }

    /// <summary>The global for <paramref name="module"/>.<paramref name="name"/>; an <see cref="UnpicklingError"/> when it is not allowed.</summary>
    PickleGlobal Find(string module, string name);

    /// <summary>REDUCE: what <paramref name="callable"/>(*<paramref name="args"/>) makes.</summary>
    object? Reduce(PickleGlobal callable, IReadOnlyList<object?> args);

    /// <summary>NEWOBJ: <c>cls.__new__(cls, *args)</c>.</summary>
    object NewObj(PickleGlobal cls, IReadOnlyList<object?> args);

    /// <summary>BUILD: applies <paramref name="state"/> to <paramref name="target"/> (the object on the stack).</summary>
    void Build(object? target, object? state);

    /// <summary>The error for a global used as <paramref name="how"/> (e.g. "as a value") where it may not be.</summary>
    UnpicklingError Refused(PickleGlobal global, string how);
}
