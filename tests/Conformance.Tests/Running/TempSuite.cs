using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Running;

/// <summary>A throw-away repository root (scenarios/, expected/) for end-to-end tests of the harness.</summary>
internal sealed class TempSuite : IDisposable
{
    public TempSuite()
    {
        Root = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "scenarios"));
        Directory.CreateDirectory(Path.Combine(Root, "expected"));
        File.WriteAllText(Path.Combine(Root, "Conformance.sln"), "");
        Paths = new SuitePaths(Root);
    }

    public string Root { get; }

    public SuitePaths Paths { get; }

    /// <summary>Writes <c>scenarios/{id}.yaml</c> and returns its path.</summary>
    public string Write(string id, string yaml)
    {
        var file = Path.Combine(Paths.Scenarios, id + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, yaml.ReplaceLineEndings("\n"));
        return file;
    }

    public Scenario Load(string id) => ScenarioLoader.Load(Paths.Scenarios, Path.Combine(Paths.Scenarios, id + ".yaml"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the test's verdict matters more.
        }
    }
}
