namespace Multiprocessing;

/// <summary>CPython's <c>threading.BrokenBarrierError</c> (a RuntimeError), raised by a broken or aborted <see cref="Barrier"/>; its message is empty.</summary>
public class BrokenBarrierError : RuntimeError
{
    /// <summary>Creates a BrokenBarrierError (CPython raises it with no arguments).</summary>
    public BrokenBarrierError() : base("") { }
}
