namespace Conformance.Harness.Backends.Internal;

/// <summary>How to start a .NET program of this build (the harness itself, a backend runner) from any host: apphost, <c>dotnet</c> or a test host.</summary>
internal static class DotNetCommand
{
    /// <summary>The file to execute and the arguments that precede the program's own, for the program <paramref name="dll"/>.</summary>
    public static (string FileName, string[] Arguments) For(string dll)
    {
        var apphost = Path.ChangeExtension(dll, null);
        if (File.Exists(apphost))
            return (apphost, []);
        return (DotNetHost(), ["exec", dll]);
    }

    private static string DotNetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return root is { Length: > 0 } && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }
}
