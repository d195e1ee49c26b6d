using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.Semaphore(value=1)</c>: a process-shared counting semaphore.</summary>
public class Semaphore : SemLockBase
{
    /// <summary>Creates a semaphore; a negative value raises OSError '[Errno 22] Invalid argument' as on Linux.</summary>
    public Semaphore(int value = 1) : base(SemLock.Create(SemLockKind.Semaphore, value, SemLock.SemValueMax)) { }

    private protected Semaphore(int value, int maxValue) : base(SemLock.Create(SemLockKind.Semaphore, value, maxValue)) { }

    internal Semaphore(SemLock s) : base(s) { }

    /// <summary>CPython's <c>get_value()</c>.</summary>
    public int GetValue() => SemLock.GetValue();

    /// <summary>CPython's repr, <c>&lt;Semaphore(value=2)&gt;</c>.</summary>
    public override string ToString() => $"<Semaphore(value={SafeValue()})>";

    private protected string SafeValue()
    {
        try
        {
            return GetValue().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Exception)
        {
            return "unknown";
        }
    }
}
