using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.JoinableQueue</c>: a Queue with an unfinished-tasks semaphore and a condition.</summary>
public sealed class JoinableQueue : Queue
{
    private readonly Semaphore _unfinishedTasks;
    private readonly Condition _cond;

    /// <summary>Creates a joinable queue; <paramref name="maxsize"/> &lt;= 0 means unbounded.</summary>
    public JoinableQueue(int maxsize = 0) : base(maxsize)
    {
        _unfinishedTasks = new Semaphore(0);
        _cond = new Condition(new Lock());
    }

    private JoinableQueue(int maxsize, ShmRing ring, Lock rlock, Lock wlock, BoundedSemaphore sem, Semaphore unfinished, Condition cond)
        : base(maxsize, ring, rlock, wlock, sem)
    {
        _unfinishedTasks = unfinished;
        _cond = cond;
    }

    private protected override void OnPut()
    {
        using (_cond.Enter()) _unfinishedTasks.Release();
    }

    /// <summary>CPython's <c>task_done()</c>: ValueError 'task_done() called too many times' when nothing is unfinished.</summary>
    public void TaskDone()
    {
        using (_cond.Enter())
        {
            if (!_unfinishedTasks.Acquire(false)) throw new ValueError(Errors.TaskDoneTooMany);
            if (_unfinishedTasks.SemLock.IsZero) _cond.NotifyAll();
        }
    }

    /// <summary>CPython's <c>join()</c>: blocks until every put has been matched by a task_done.</summary>
    public void Join()
    {
        using (_cond.Enter())
        {
            if (!_unfinishedTasks.SemLock.IsZero) _cond.Wait();
        }
    }

    private protected override void WriteExtraState(PickleWriter writer)
    {
        writer.WriteValue(_unfinishedTasks);
        writer.WriteValue(_cond);
    }

    internal static new JoinableQueue Rebuild(PickleReader r) =>
        new(r.ReadInt(), ShmRing.Attach(r.ReadInt()), (Lock)r.ReadValue()!, (Lock)r.ReadValue()!, (BoundedSemaphore)r.ReadValue()!,
            (Semaphore)r.ReadValue()!, (Condition)r.ReadValue()!);
}
