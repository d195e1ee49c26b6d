using System.Globalization;
using System.Text;

namespace Conformance.Tests.Fuzz;

/// <summary>Counts a fuzz run's mutants by kind and outcome, and keeps its failures with what reproduces them.</summary>
/// <param name="seed">The run's seed, quoted in every failure.</param>
/// <param name="name">Names the run in the summary and in the folder of failing inputs.</param>
internal sealed class FuzzReport(int seed, string name)
{
    private readonly SortedDictionary<string, (int Loaded, int Refused)> _kinds = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private readonly string _folder = Fresh(Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-failures", name));
    private TimeSpan _slowest;
    private string _slowestCase = "";
    private long _mostAllocated;

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Counts <paramref name="outcome"/>; when <paramref name="problems"/> is not empty, keeps the failure and writes the input to the test's work folder.</summary>
    public void Add(Mutant mutant, LoadOutcome outcome, IReadOnlyList<string> problems)
    {
        var (loaded, refused) = _kinds.GetValueOrDefault(mutant.Kind);
        _kinds[mutant.Kind] = outcome.Loaded ? (loaded + 1, refused) : (loaded, refused + 1);
        if (outcome.Elapsed > _slowest)
            (_slowest, _slowestCase) = (outcome.Elapsed, mutant.ToString());
        _mostAllocated = Math.Max(_mostAllocated, outcome.Allocated);
        if (problems.Count == 0)
            return;
        var folder = _folder;
        Directory.CreateDirectory(folder);
        var input = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"seed{seed}-case{mutant.Case}.yaml"));
        File.WriteAllBytes(input, mutant.Bytes);
        var failure = $"{mutant} [{FuzzSeed.Reproduce(seed)}; input saved as {input}]:\n  {string.Join("\n  ", problems)}";
        _failures.Add(failure);
        File.AppendAllText(Path.Combine(folder, "failures.txt"), failure + "\n\n");
    }

    /// <summary>The counts per kind, the slowest case and the most allocated, for the test's output.</summary>
    public string Summary(TimeSpan wall)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{name}: {_kinds.Values.Sum(k => k.Loaded + k.Refused)} mutants, {FuzzSeed.Reproduce(seed)}, {wall.TotalSeconds:0.0} s\n"));
        foreach (var (kind, (loaded, refused)) in _kinds)
            text.Append(CultureInfo.InvariantCulture, $"  {kind,-16} {loaded + refused,5} ({loaded} loaded, {refused} refused)\n");
        text.Append(CultureInfo.InvariantCulture, $"  slowest {_slowest.TotalMilliseconds:0} ms: {_slowestCase}\n");
        text.Append(CultureInfo.InvariantCulture, $"  most allocated by one load: {_mostAllocated / 1024.0 / 1024.0:0.0} MiB\n");
        text.Append(CultureInfo.InvariantCulture, $"  failures: {_failures.Count}");
        return text.ToString();
    }

    /// <summary>The folder of this run's failing inputs, emptied of an earlier run's.</summary>
    private static string Fresh(string folder)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        return folder;
    }

    /// <summary>The first failures, for the assertion message.</summary>
    public string FirstFailures(int count = 15) => string.Join("\n\n", _failures.Take(count)) + (_failures.Count > count ? $"\n\n... and {_failures.Count - count} more" : "");
}
