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

    [GeneratedRegex(@"\bConformance\.Harness\.(?<ns>[A-Z][A-Za-z]*)\b")]
    private static partial Regex HarnessNamespace();
}
