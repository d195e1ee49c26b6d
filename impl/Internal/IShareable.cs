namespace Multiprocessing.Internal;

/// <summary>A process-shared object (Lock, Queue, ...) that may cross into a child only while it is being spawned.</summary>
internal interface IShareable
{
    /// <summary>The kind written to the stream; CPython's class name used in 'X objects should only be shared...'.</summary>
    string ShareKind { get; }

    /// <summary>Writes the state a child needs to reopen the same OS objects.</summary>
    void WriteState(PickleWriter writer);
}
