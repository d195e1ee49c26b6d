namespace Multiprocessing.Internal;

/// <summary>The one place that maps CPython's error texts to this library's exception types.</summary>
internal static class Errors
{
    public const string ReleasedTooManyTimes = "semaphore or lock released too many times";
    public const string RLockNotOwned = "attempt to release recursive lock not owned by thread";
    public const string WaitWithoutLock = "must acquire() condition before using wait()";
    public const string NotifyWithoutLock = "lock is not owned";
    public const string TaskDoneTooMany = "task_done() called too many times";

    public static ValueError TooManyReleases() => new(ReleasedTooManyTimes);
    public static AssertionError RLockRelease() => new(RLockNotOwned);
    public static ValueError QueueClosed(object queue) => new($"Queue {queue} is closed");
    public static AssertionError QueueNotClosed(object queue) => new($"Queue {queue} not closed");
    public static RuntimeError InheritanceOnly(string typeName) =>
        new($"{typeName} objects should only be shared between processes through inheritance");
    public static OSError Os(int errno) => new(errno, Libc.StrError(errno));

    /// <summary>
    /// What a Queue's feeder prints when an item cannot be pickled, as CPython's <c>traceback.print_exc()</c> lays it
    /// out: the header, this runtime's frames, and CPython's last line, <c>_pickle.PicklingError: Can't pickle ...</c>.
    /// </summary>
    public static string FeederTraceback(System.Exception e)
    {
        var text = new System.Text.StringBuilder("Traceback (most recent call last):\n");
        foreach (var frame in (e.StackTrace ?? "").Split('\n', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries))
            text.Append("  ").Append(frame).Append('\n');
        var type = Python.PyErrors.ClassRepr(e)["<class '".Length..^"'>".Length];
        var message = Python.PyErrors.Str(e);
        return text.Append(message.Length == 0 ? type : $"{type}: {message}").Append('\n').ToString();
    }
}
