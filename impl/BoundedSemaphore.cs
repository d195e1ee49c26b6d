using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.BoundedSemaphore(value=1)</c>: releasing above the initial value raises ValueError.</summary>
public sealed class BoundedSemaphore : Semaphore
{
    /// <summary>Creates a bounded semaphore whose maximum is <paramref name="value"/>.</summary>
    public BoundedSemaphore(int value = 1) : base(value, value) { }

    internal BoundedSemaphore(SemLock s) : base(s) { }

    /// <summary>CPython's repr, <c>&lt;BoundedSemaphore(value=2, maxvalue=2)&gt;</c>.</summary>
    public override string ToString() => $"<BoundedSemaphore(value={SafeValue()}, maxvalue={SemLock.MaxValue})>";
}
