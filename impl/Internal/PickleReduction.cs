using System.Collections.Generic;

namespace Multiprocessing.Internal;

/// <summary>
/// What CPython's <c>__reduce_ex__</c> returns, for <see cref="PyPickleWriter"/>'s reducer hook: the callable (or the
/// class, with <paramref name="NewObj"/>: <c>copyreg.__newobj__</c>, the NEWOBJ opcode), its arguments, and an optional
/// state for BUILD. An argument may itself be a <see cref="PickleGlobal"/> (written as a GLOBAL, e.g. a proxy's class).
/// </summary>
internal sealed record PickleReduction(PickleGlobal Callable, IReadOnlyList<object?> Args, bool NewObj = false, bool HasState = false, object? State = null);
