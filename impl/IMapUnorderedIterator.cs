namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.pool.IMapUnorderedIterator</c>: what <see cref="Pool.ImapUnordered"/> returns, results in completion order.</summary>
public sealed class IMapUnorderedIterator : IMapIterator
{
    internal IMapUnorderedIterator(Pool pool, bool chunked) : base(pool, chunked) { }

    private protected override void Set(int index, bool success, object? value) => Append(success, value);

    private protected override string Method => "imap_unordered";
}
