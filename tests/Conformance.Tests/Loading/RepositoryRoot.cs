namespace Conformance.Tests.Loading;

/// <summary>Finds the repository (the folder holding Conformance.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Conformance.sln above {TestContext.CurrentContext.TestDirectory}");
    }

    public static string Fixtures => Path.Combine(TestContext.CurrentContext.TestDirectory, "Loading", "Fixtures", "scenarios");
}
