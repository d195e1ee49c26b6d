namespace Conformance.Harness.Backends.Internal;

/// <summary>How to start this harness again as a runner process, whether it runs as an apphost, under <c>dotnet</c>, or inside a test host.</summary>
internal static class HarnessExecutable
{
    /// <summary>The file to execute and the arguments that precede the harness's own arguments.</summary>
    public static (string FileName, string[] Arguments) Command()
    {
        var dll = typeof(HarnessExecutable).Assembly.Location;
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
