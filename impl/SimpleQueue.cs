using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.SimpleQueue</c>: a simplex <see cref="Connection"/> pipe with a reader lock and a
/// writer lock; no feeder thread, so <see cref="Put"/> pickles and writes before it returns (a full pipe blocks it).
/// </summary>
public sealed class SimpleQueue : IShareable, Python.IPyObject
{
    private readonly Connection _reader;
    private readonly Connection _writer;
    private readonly Lock _rlock;
    private readonly Lock _wlock;

    /// <summary>Creates an empty queue, like <c>multiprocessing.SimpleQueue()</c>.</summary>
    public SimpleQueue()
    {
        (_reader, _writer) = Connection.Pipe(duplex: false);
        _rlock = new Lock();
        _wlock = new Lock();
    }

    private SimpleQueue(Connection reader, Connection writer, Lock rlock, Lock wlock)
    {
        _reader = reader;
        _writer = writer;
        _rlock = rlock;
        _wlock = wlock;
    }

    /// <summary>CPython's <c>empty()</c>: nothing is readable right now.</summary>
    public bool Empty() => !_reader.Poll(0);

    /// <summary>CPython's <c>get()</c>: blocks until an item arrives; <c>OSError('handle is closed')</c> after <see cref="Close"/>.</summary>
    public object? Get()
    {
        using (_rlock.Enter()) return _reader.Recv();
    }

    /// <summary>CPython's <c>put(obj)</c>.</summary>
    public void Put(object? obj)
    {
        using (_wlock.Enter()) _writer.Send(obj);
    }

    /// <summary>CPython's <c>close()</c>: closes both ends in this process.</summary>
    public void Close()
    {
        _reader.Close();
        _writer.Close();
    }

    /// <summary>CPython's default repr.</summary>
    public override string ToString() => $"<multiprocessing.queues.SimpleQueue object at {Python.PyRepr.Address(this)}>";

    string Python.IPyObject.PyRepr() => ToString();

    /// <summary>CPython's module of the class, <c>multiprocessing.queues</c> (<c>&lt;class 'multiprocessing.queues.SimpleQueue'&gt;</c>).</summary>
    string Python.IPyObject.PyTypeModule => "multiprocessing.queues";

    string IShareable.ShareKind => "SimpleQueue";

    void IShareable.WriteState(PickleWriter writer)
    {
        writer.WriteValue(_reader);
        writer.WriteValue(_writer);
        writer.WriteValue(_rlock);
        writer.WriteValue(_wlock);
    }

    internal static SimpleQueue Rebuild(PickleReader r) =>
        new((Connection)r.ReadValue()!, (Connection)r.ReadValue()!, (Lock)r.ReadValue()!, (Lock)r.ReadValue()!);
}
