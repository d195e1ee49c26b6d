using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Running;

/// <summary>
/// <c>expected/expectations.yaml</c>: the known divergences. A listed non-pass is reported as <c>expected-&lt;verdict&gt;</c>
/// and does not fail the run; a listed scenario that passes is <c>unexpected-pass</c> and does, so the list cannot rot.
/// </summary>
public sealed class Expectations
{
    /// <summary>The file's name inside <c>expected/</c>.</summary>
    public const string FileName = "expectations.yaml";

    /// <summary>How an expectations file past the size limit is fixed.</summary>
    private const string Advice = " for the expectations; list fewer, shorter entries";

    private static readonly string[] EntryKeys = ["scenario", "backend", "expect", "reason"];
    private static readonly Verdict[] Expectable = [Verdict.Fail, Verdict.Error, Verdict.Timeout, Verdict.NotImplemented];

    private readonly List<(Expectation Entry, Regex Backend)> _entries;

    private Expectations(List<(Expectation, Regex)> entries) => _entries = entries;

    /// <summary>No expectations (a suite without the file).</summary>
    public static Expectations None { get; } = new([]);

    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<Expectation> Entries => _entries.Select(e => e.Entry).ToList();

    /// <summary>Loads <c>expected/expectations.yaml</c> of <paramref name="paths"/> (none when the file does not exist).</summary>
    /// <param name="paths">The suite.</param>
    /// <param name="scenarioIds">Every scenario id of the suite: an entry naming another is an error.</param>
    /// <exception cref="ScenarioValidationException">The file is malformed; every problem is listed as file:line:column.</exception>
    public static Expectations Load(SuitePaths paths, IReadOnlySet<string> scenarioIds)
    {
        var file = Path.Combine(paths.Expected, FileName);
        // Only a name that is not there at all means "no expectations": a directory, a FIFO or a dangling link of that
        // name is a mistake, reported as such.
        if (!Path.Exists(file) && new FileInfo(file).LinkTarget is null)
            return None;
        return Parse(file, InputFile.Read(file, Advice), scenarioIds);
    }

    /// <summary>Parses expectations text; <paramref name="file"/> names it in diagnostics.</summary>
    public static Expectations Parse(string file, string yaml, IReadOnlySet<string> scenarioIds)
    {
        var (root, bag, locations, syntaxOk) = SuiteYaml.Read(file, yaml, Advice);
        var entries = new List<(Expectation, Regex)>();
        if (syntaxOk)
        {
            if (root is not JsonObject top || top.Count != 1 || top["expectations"] is not JsonArray list)
                bag.Add("", "expected a map with one key, 'expectations', holding a list of {scenario, backend, expect, reason}");
            else
                ReadEntries(file, list, scenarioIds, bag, locations, entries);
        }
        if (bag.Count > 0)
            throw new ScenarioValidationException(bag.Sorted());
        return new Expectations(entries);
    }

    private static void ReadEntries(string file, JsonArray list, IReadOnlySet<string> ids, DiagnosticBag bag,
        Dictionary<string, (int Line, int Column)> locations, List<(Expectation, Regex)> entries)
    {
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < list.Count; i++)
        {
            var ptr = $"/expectations/{i}";
            if (list[i] is not JsonObject entry)
            {
                bag.Add(ptr, "expected an entry {scenario, backend, expect, reason}");
                continue;
            }
            foreach (var (key, _) in entry.Where(kv => !EntryKeys.Contains(kv.Key)))
                bag.Add($"{ptr}/{key}", $"unknown key '{key}' in an expectation; expected: {string.Join(", ", EntryKeys)}");
            var scenario = Text(entry, "scenario", ptr, bag);
            var backend = Text(entry, "backend", ptr, bag);
            var expect = Text(entry, "expect", ptr, bag);
            var reason = Text(entry, "reason", ptr, bag);
            if (scenario is not null && !ids.Contains(scenario))
                bag.Add($"{ptr}/scenario", $"no scenario '{scenario}' in scenarios/{Names.DidYouMean(scenario, ids)}; remove the entry or fix the id");
            Verdict? verdict = expect is null ? null : VerdictNames.FromWire(expect);
            if (expect is not null && (verdict is not { } v || !Expectable.Contains(v)))
            {
                bag.Add($"{ptr}/expect", $"'{expect}' cannot be expected; expected one of: {string.Join(", ", Expectable.Select(x => x.ToWire()))}");
                verdict = null;
            }
            if (scenario is null || backend is null || verdict is null || reason is null)
                continue;
            if (!seen.Add((scenario, backend)))
                bag.Add(ptr, $"'{scenario}' on '{backend}' is listed twice; keep one entry");
            var (line, column) = locations.GetValueOrDefault(ptr, (1, 1));
            entries.Add((new Expectation(scenario, backend, verdict.Value, reason, $"{file}:{line}:{column}"), BackendGlob(backend)));
        }
    }

    private static string? Text(JsonObject entry, string key, string ptr, DiagnosticBag bag)
    {
        if (!entry.TryGetPropertyValue(key, out var node))
        {
            bag.Add(ptr, $"an expectation needs '{key}'");
            return null;
        }
        if (node is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0)
            return s;
        bag.Add($"{ptr}/{key}", $"'{key}' must be a non-empty string");
        return null;
    }

    private static Regex BackendGlob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);

    /// <summary>The entry for a scenario on a backend, matching its id (<c>csharp</c>) or its name (<c>cpython-3.13.0</c>).</summary>
    public Expectation? Find(string scenario, string backendId, string backendName) =>
        _entries.FirstOrDefault(e => e.Entry.Scenario == scenario && (e.Backend.IsMatch(backendId) || e.Backend.IsMatch(backendName))).Entry;

    /// <summary>Turns <paramref name="result"/> into its expected-* or unexpected-pass form when an entry lists it.</summary>
    public RunResult Apply(RunResult result, string backendId)
    {
        if (Find(result.Scenario, backendId, result.Backend) is not { } entry)
            return result;
        result = result with { ExpectationReason = entry.Reason };
        if (result.Verdict == entry.Expect)
            return result with { Verdict = entry.Expect.Expected(), Message = $"{result.Message}\n(expected: {entry.Reason}; listed at {entry.Where})" };
        if (result.Verdict == Verdict.Pass)
        {
            return result with
            {
                Verdict = Verdict.UnexpectedPass,
                Message = $"listed as expected {entry.Expect.ToWire()} at {entry.Where} ({entry.Reason}), but it passed: remove the entry",
            };
        }
        return result with { Message = $"{result.Message}\n(listed as expected {entry.Expect.ToWire()} at {entry.Where}, but it is {result.Verdict.ToWire()})" };
    }
}
