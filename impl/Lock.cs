using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.Lock</c>: a non-recursive process-shared lock (a semaphore with maxvalue 1).</summary>
public sealed class Lock : SemLockBase
{
    /// <summary>Creates a new lock, like <c>multiprocessing.Lock()</c>.</summary>
    public Lock() : base(SemLock.Create(SemLockKind.Semaphore, 1, 1)) { }

    internal Lock(SemLock s) : base(s) { }

    /// <summary>CPython's repr, e.g. <c>&lt;Lock(owner=None)&gt;</c> or <c>&lt;Lock(owner=MainProcess)&gt;</c>.</summary>
    public override string ToString()
    {
        string name;
        try
        {
            if (SemLock.IsMine) name = CurrentOwnerName();
            else if (SemLock.GetValue() == 1) name = "None";
            else if (SemLock.LocalCount > 0) name = "SomeOtherThread";
            else name = "SomeOtherProcess";
        }
        catch (System.Exception)
        {
            name = "unknown";
        }
        return $"<Lock(owner={name})>";
    }
}
