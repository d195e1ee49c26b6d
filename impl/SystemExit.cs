using System;

namespace Multiprocessing;

/// <summary>CPython's <c>SystemExit</c>: thrown by <see cref="Mp.Exit"/> to end a child with an exit code.</summary>
public class SystemExit : Exception
{
    /// <summary>Creates a SystemExit carrying CPython's <c>sys.exit(code)</c> argument.</summary>
    public SystemExit(object? code = null) : base(code?.ToString() ?? "") => Code = code;

    /// <summary>The exit code object: null/int/bool, or any other value that is printed and gives exit code 1.</summary>
    public object? Code { get; }
}
