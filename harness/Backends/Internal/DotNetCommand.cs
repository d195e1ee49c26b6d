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

    /// <summary>A backend's runner <paramref name="assembly"/>, from the harness's output folder where the build copies it.</summary>
    public static (string FileName, string[] Arguments) Runner(string assembly, string what)
    {
        var folder = Path.GetDirectoryName(typeof(DotNetCommand).Assembly.Location)!;
        var dll = Path.Combine(folder, assembly + ".dll");
        return File.Exists(dll)
            ? For(dll)
            : throw new FileNotFoundException($"{what} {dll} is missing: build harness/Conformance.Harness.csproj, which builds and copies it", dll);
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
