namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.TimeoutError</c> (a ProcessError, not the builtin TimeoutError).</summary>
public class TimeoutError : ProcessError
{
    /// <summary>Creates a TimeoutError.</summary>
    public TimeoutError(string message = "") : base(message) { }
}
