using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.RLock</c>: a recursive lock owned by one (process, thread).</summary>
public sealed class RLock : SemLockBase
{
    /// <summary>Creates a new recursive lock, like <c>multiprocessing.RLock()</c>.</summary>
    public RLock() : base(SemLock.Create(SemLockKind.RecursiveMutex, 1, 1)) { }

    internal RLock(SemLock s) : base(s) { }

    /// <summary>CPython's repr, e.g. <c>&lt;RLock(None, 0)&gt;</c> or <c>&lt;RLock(MainProcess, 3)&gt;</c>.</summary>
    public override string ToString()
    {
        string name;
        string count;
        try
        {
            if (SemLock.IsMine)
            {
                name = CurrentOwnerName();
                count = SemLock.LocalCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (SemLock.GetValue() == 1)
            {
                (name, count) = ("None", "0");
            }
            else if (SemLock.LocalCount > 0)
            {
                (name, count) = ("SomeOtherThread", "nonzero");
            }
            else
            {
                (name, count) = ("SomeOtherProcess", "nonzero");
            }
        }
        catch (System.Exception)
        {
            (name, count) = ("unknown", "unknown");
        }
        return $"<RLock({name}, {count})>";
    }
}
