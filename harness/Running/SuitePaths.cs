namespace Conformance.Harness.Running;

/// <summary>Where the suite's folders are: the repository root holds <c>Conformance.sln</c>, <c>scenarios/</c> and <c>expected/</c>.</summary>
public sealed record SuitePaths(string Root)
{
    /// <summary>The scenario files.</summary>
    public string Scenarios => Path.Combine(Root, "scenarios");

    /// <summary>The verified snapshots.</summary>
    public string Expected => Path.Combine(Root, "expected");

    /// <summary>Finds the root from <paramref name="explicitRoot"/>, else upwards from the current directory, else from the harness's own location.</summary>
    public static SuitePaths Locate(string? explicitRoot = null)
    {
        if (explicitRoot is not null)
        {
            return Directory.Exists(Path.Combine(explicitRoot, "scenarios"))
                ? new SuitePaths(Path.GetFullPath(explicitRoot))
                : throw new DirectoryNotFoundException($"'{explicitRoot}' has no scenarios/ folder; pass the repository root to --root.");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
                    return new SuitePaths(dir.FullName);
            }
        }
        throw new DirectoryNotFoundException("Could not find the repository root (the folder with Conformance.sln) above the current directory; run from inside the repository or pass --root.");
    }
}
