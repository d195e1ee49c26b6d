namespace Multiprocessing.Internal.Pooling;

/// <summary>An entry of a pool's cache (CPython's <c>_PoolCache</c> values): takes the results of its tasks.</summary>
internal interface IPoolJob
{
    /// <summary>The job number (CPython's <c>_job</c>, from the module-wide job counter).</summary>
    long Job { get; }

    /// <summary>CPython's <c>_set(i, (success, value))</c>, called in the result handler thread.</summary>
    void Set(int index, bool success, object? value);
}
