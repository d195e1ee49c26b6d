using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

public sealed class DiscoverTests
{
    private string _root = "";

    [SetUp]
    public void CreateTree()
    {
        _root = Path.Combine(Path.GetTempPath(), "conformance-discover-" + Guid.NewGuid().ToString("N"));
        foreach (var id in new[] { "tutorial/01-a", "tutorial/02-b", "tutorial/10-c", "queue/get", "queue/deep/put", "lock/x" })
        {
            var path = Path.Combine(_root, id + ".yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }
        File.WriteAllText(Path.Combine(_root, "queue", "notes.txt"), "");
    }

    [TearDown]
    public void DeleteTree() => Directory.Delete(_root, recursive: true);

    private string[] Ids(string? glob) => [.. ScenarioLoader.Discover(_root, glob).Select(f => ScenarioLoader.IdOf(_root, f))];

    [Test]
    public void Finds_every_yaml_file_sorted_by_id() =>
        Assert.That(Ids(null), Is.EqualTo(new[] { "lock/x", "queue/deep/put", "queue/get", "tutorial/01-a", "tutorial/02-b", "tutorial/10-c" }));

    [Test]
    public void Star_matches_within_a_segment()
    {
        Assert.That(Ids("tutorial/0*"), Is.EqualTo(new[] { "tutorial/01-a", "tutorial/02-b" }));
        Assert.That(Ids("queue/*"), Is.EqualTo(new[] { "queue/get" }));
    }

    [Test]
    public void Double_star_matches_across_segments()
    {
        Assert.That(Ids("queue/**"), Is.EqualTo(new[] { "queue/deep/put", "queue/get" }));
        Assert.That(Ids("**/put"), Is.EqualTo(new[] { "queue/deep/put" }));
        Assert.That(Ids("queue/**/put"), Is.EqualTo(new[] { "queue/deep/put" }));
    }

    [Test]
    public void Returned_paths_are_files_under_the_root() =>
        Assert.That(ScenarioLoader.Discover(_root, "lock/x"), Is.EqualTo(new[] { Path.Combine(_root, "lock", "x.yaml") }));
}
