using System;
using System.Collections.Generic;

namespace Multiprocessing.Internal.Pooling;

/// <summary>
/// A task the task handler has yet to send (CPython's <c>(job, i, func, args, kwds)</c> tuple): a chunk for map
/// and starmap, the arguments for apply and imap, or the exception iterating the input raised (CPython's
/// <c>_helper_reraises_exception</c> task, which here completes the job's index directly).
/// </summary>
internal sealed record PendingTask(long Job, int Index, byte Kind, object? Function, List<object?>? Chunk, object?[]? Args,
    IReadOnlyDictionary<string, object?>? Kwargs)
{
    /// <summary>The exception the input's iteration raised at this index.</summary>
    public Exception? Error { get; private init; }

    public static PendingTask Failure(long job, int index, Exception error) => new(job, index, 0, null, null, null, null) { Error = error };
}
