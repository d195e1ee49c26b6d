using System;

namespace Conformance.Backend.CSharp;

/// <summary>The C# backend's runner: interprets a scenario with the impl library (work in progress, see issue 3).</summary>
public static class Program
{
    /// <summary>Exits with 4 (not implemented) until the interpreter lands.</summary>
    public static int Main(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("not implemented: the C# scenario interpreter is not written yet");
        return 4;
    }
}
