namespace Multiprocessing.Python;

/// <summary>
/// An instance of a user exception class whose base is SystemExit: impl's SystemExit (so a child's bootstrap applies the
/// exit-code rules to it, as CPython's does to any SystemExit) with the class's name.
/// </summary>
public sealed class UserSystemExit(string className, object? code) : Multiprocessing.SystemExit(code)
{
    /// <summary>The user class's name.</summary>
    public string ClassName { get; } = className;
}
