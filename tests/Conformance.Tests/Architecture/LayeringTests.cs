using System.Text.RegularExpressions;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Architecture;

/// <summary>
/// Data flows one way through the harness: YAML → validated scenario (Scenarios) → runner (Backends, Running) → trace →
/// checks (Checks) → snapshot (Snapshots). A layer names no namespace after it: this scans every source file's
/// <c>using</c> directives and fully qualified <c>Conformance.Harness.X</c> names.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] Everything = ["Backends", "Checks", "Cli", "Fuzzing", "Language", "Reports", "Running", "Scenarios", "Snapshots"];

    [TestCase("Language", new[] { "Language" })]
    [TestCase("Scenarios", new[] { "Language", "Scenarios" })]
    [TestCase("Checks", new[] { "Language", "Scenarios", "Checks" })]
    [TestCase("Snapshots", new[] { "Language", "Scenarios", "Checks", "Snapshots" })]
    public void A_layer_depends_only_on_the_layers_before_it(string layer, string[] allowed)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "harness", layer);
        var offending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in HarnessNamespace().Matches(text))
            {
                var used = m.Groups["ns"].Value;
                if (Everything.Contains(used) && !allowed.Contains(used))
                    offending.Add($"{Path.GetRelativePath(folder, file)}: Conformance.Harness.{used}");
            }
        }

        Assert.That(offending.Distinct(), Is.Empty, $"harness/{layer} may use only {string.Join(", ", allowed)}");
    }

    [Test]
    public void The_scan_sees_a_dependency_when_there_is_one() =>
        // Running uses Checks (the outcomes it reports): the pattern must find it, or the tests above prove nothing.
        Assert.That(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "harness", "Running"), "*.cs")
            .SelectMany(f => HarnessNamespace().Matches(File.ReadAllText(f)).Select(m => m.Groups["ns"].Value)), Does.Contain("Checks"));

    [Test]
    public void Impl_and_its_value_model_name_neither_the_harness_nor_a_backend()
    {
        // impl/Python is the value model the C# interpreter is built on; the interpreter's objects reach it only through
        // its interfaces (IPyObject, IPyWrapper, IPyIterable), never the other way round.
        var impl = Path.Combine(RepositoryRoot.Find(), "impl");
        var offending = Directory.EnumerateFiles(impl, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => ConformanceNamespace().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(impl, f));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.EnumerateFiles(Path.Combine(impl, "Python"), "*.cs"), Is.Not.Empty);
            Assert.That(offending, Is.Empty, "impl may not use Conformance.* namespaces");
            Assert.That(File.ReadAllText(Path.Combine(impl, "Conformance.Multiprocessing.csproj")), Does.Not.Contain("ProjectReference"));
        });
    }

    [GeneratedRegex(@"\bConformance\.(Harness|Backend)\b")]
    private static partial Regex ConformanceNamespace();

    [GeneratedRegex(@"\bConformance\.Harness\.(?<ns>[A-Z][A-Za-z]*)\b")]
    private static partial Regex HarnessNamespace();
}
