namespace Multiprocessing;

/// <summary>CPython's <c>multiprocessing.AuthenticationError</c>: the authkey challenge between Listener and Client failed.</summary>
public class AuthenticationError : ProcessError
{
    /// <summary>Creates an AuthenticationError with CPython's message text.</summary>
    public AuthenticationError(string message) : base(message) { }
}
