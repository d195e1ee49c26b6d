namespace Multiprocessing.Internal;

/// <summary>Recreates shared objects in a spawned child from the state their <see cref="IShareable"/> wrote.</summary>
internal static class SharedObjects
{
    public static object Rebuild(string kind, PickleReader r)
    {
        switch (kind)
        {
            case "Lock":
            case "RLock":
            case "Semaphore":
            case "BoundedSemaphore":
                var semKind = (SemLockKind)r.ReadInt();
                var max = r.ReadInt();
                var s = SemLock.Open(semKind, max, r.ReadString());
                return kind switch
                {
                    "Lock" => new Lock(s),
                    "RLock" => new RLock(s),
                    "Semaphore" => new Semaphore(s),
                    _ => new BoundedSemaphore(s),
                };
            case "Condition":
                return Condition.Rebuild(r);
            case "Event":
                return Event.Rebuild(r);
            case "Queue":
                return Queue.Rebuild(r);
            case "JoinableQueue":
                return JoinableQueue.Rebuild(r);
            case "Connection":
                return Connection.Rebuild(r);
            case "RawValue":
                return RawValue.Rebuild(r);
            case "Synchronized":
                return Synchronized.Rebuild(r);
            case "RawArray":
                return RawArray.Rebuild(r);
            case "SynchronizedArray":
                return SynchronizedArray.Rebuild(r);
            case "Barrier":
                return Barrier.Rebuild(r);
            case "SimpleQueue":
                return SimpleQueue.Rebuild(r);
            default:
                throw new PicklingError($"cannot rebuild shared object of kind '{kind}'");
        }
    }
}
