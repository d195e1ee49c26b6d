using System.Globalization;
using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Suite;

/// <summary>The suite itself: every scenario file × every backend is one test case, judged by the harness.</summary>
/// <remarks>
/// A thin adapter, like Verify.NUnit over Verify: all judgement (invariants, snapshots, repeats, expectations) lives in
/// the harness. A listed expected-* is an ignored test with its reason; everything else that is not a pass fails,
/// including a not-implemented that expected/expectations.yaml does not list (a backend must not regress quietly).
/// <c>CONFORMANCE_REPEAT=N</c> runs each case N times, as <c>run --repeat N</c> does; <c>CONFORMANCE_CHAOS=SEED</c> runs
/// them in chaos mode, as <c>run --chaos SEED</c> does; <c>CONFORMANCE_TIMEOUT_MULTIPLIER=F</c> scales every time limit,
/// as <c>run --timeout-multiplier F</c> does. <c>CONFORMANCE_SHARD=i/n</c> keeps the scenarios of one shard, as
/// <c>run --shard i/n</c> does; <c>CONFORMANCE_PYTHON=3.11,3.13</c> (versions or paths) makes each CPython a backend of its
/// own (<c>{id} [cpython-3.13.0]</c>, categories <c>cpython</c> and <c>cpython-3.13.0</c>), the first the reference, as
/// several <c>run --python</c> do. With neither, the cases are what they always were. <c>CONFORMANCE_JOBS=N</c> runs up
/// to N cases at once, as <c>run --jobs N</c> does (default: the number of CPUs).
/// </remarks>
[TestFixture]
// The cases run as run --jobs does: up to CONFORMANCE_JOBS at once (default: the number of CPUs; 1 for one after
// another). Each run is isolated (its own folder, TMPDIR, ledgers and timer), so they do not judge each other; NUnit's
// workers (LevelOfParallelism, AssemblyInfo.cs) are the ceiling and the gate below the limit. The other fixtures of
// this assembly stay non-parallel and never overlap these.
[Parallelizable(ParallelScope.Children)]
public sealed class ScenarioConformanceTests
{
    private static readonly SuitePaths Paths = SuitePaths.Locate();

    /// <summary><c>CONFORMANCE_JOBS</c>: runs at once, as <c>run --jobs N</c> (default: the number of CPUs).</summary>
    public const string JobsVariable = "CONFORMANCE_JOBS";

    private static readonly Lazy<SemaphoreSlim> Gate = new(() => new SemaphoreSlim(Jobs(), Jobs()));

    /// <summary>The number of runs at once: <c>CONFORMANCE_JOBS</c> (at most <see cref="AssemblyParallelism.Workers"/>), else the number of CPUs.</summary>
    public static int Jobs()
    {
        var text = Environment.GetEnvironmentVariable(JobsVariable);
        var jobs = string.IsNullOrWhiteSpace(text)
            ? Environment.ProcessorCount
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new ArgumentException($"{JobsVariable}='{text}' is not a whole number of at least 1; set it to the runs at once (1: one after another) or unset it");
        return Math.Min(jobs, AssemblyParallelism.Workers);
    }

    private static readonly Lazy<Expectations> SuiteExpectations = new(() =>
        Expectations.Load(Paths, ScenarioLoader.Discover(Paths.Scenarios).Select(f => ScenarioLoader.IdOf(Paths.Scenarios, f)).ToHashSet()));

    public static IEnumerable<TestCaseData> Cases()
    {
        Shard? shard = null;
        if (Environment.GetEnvironmentVariable(Shard.Variable) is { Length: > 0 } text)
            shard = Shard.TryParse(text, out var error) ?? throw new ArgumentException($"{Shard.Variable}: {error}; unset it to run every scenario");
        // One CPython (or none named): the cases keep their names ("[cpython]"); a matrix names each by its version.
        var matrix = PythonInstallation.Matrix();
        var pythons = matrix.Count <= 1
            ? [(Spec: (string?)null, Name: "cpython")]
            : matrix.Select(spec => (Spec: (string?)spec, Name: VersionedName(spec))).ToList();
        foreach (var file in ScenarioLoader.Discover(Paths.Scenarios))
        {
            var id = ScenarioLoader.IdOf(Paths.Scenarios, file);
            if (shard is not null && !shard.Contains(id))
                continue;
            for (var i = 0; i < pythons.Count; i++)
            {
                var data = new TestCaseData(file, "cpython", pythons[i].Spec, i == 0).SetName($"{id} [{pythons[i].Name}]").SetCategory("cpython");
                yield return pythons[i].Name == "cpython" ? data : data.SetCategory(pythons[i].Name);
            }
            yield return new TestCaseData(file, "csharp", null, false).SetName($"{id} [csharp]").SetCategory("csharp");
        }
    }

    /// <summary><c>cpython-3.13.0</c> for <c>3.13</c>; an interpreter that cannot be used keeps its spec in the name, and its cases fail saying why.</summary>
    private static string VersionedName(string spec)
    {
        try
        {
            return $"cpython-{PythonInstallation.DiscoverAsync(spec).GetAwaiter().GetResult().Version}";
        }
        catch (PythonNotFoundException)
        {
            return $"cpython-{spec}";
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Scenario_behaves_as_in_CPython(string file, string backendId, string? python, bool reference)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(Paths.Scenarios, file);
        }
        catch (ScenarioValidationException e)
        {
            Assert.Fail($"invalid scenario:\n{e.Message}");
            return;
        }
        IBackend backend = backendId == "cpython" ? new CPythonBackend(python, reference) : new CSharpBackend();
        var repeat = int.TryParse(Environment.GetEnvironmentVariable("CONFORMANCE_REPEAT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;

        int? chaos = null;
        if (Environment.GetEnvironmentVariable(RunSettings.ChaosVariable) is { Length: > 0 } value)
        {
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                Assert.Fail($"{RunSettings.ChaosVariable}='{value}' is not a whole number; set it to a seed (e.g. 1) or unset it");
            chaos = seed;
        }

        var runner = new RepeatedRunner(new ScenarioRunner(Paths, new RunSettings { TimeoutMultiplier = TimeoutMultiplier() * Math.Max(1.0, Jobs() / (double)Environment.ProcessorCount), ChaosSeed = chaos }), SuiteExpectations.Value);
        RunResult result;
        await Gate.Value.WaitAsync();
        try
        {
            result = await runner.RunAsync(scenario, backend, repeat);
        }
        finally
        {
            Gate.Value.Release();
        }

        if (result.Verdict == Verdict.Pass)
            return;
        if (result.IsSuccess)
            Assert.Ignore($"{result.Verdict.ToWire()} on {result.Backend}: {result.Message}");
        Assert.Fail($"{result.Verdict.ToWire()} on {result.Backend} after {result.Duration.TotalSeconds:0.0} s:\n{result.Message}");
    }

    /// <summary><c>CONFORMANCE_TIMEOUT_MULTIPLIER</c>: 1 when unset; a value that is not a positive number fails the case (as a bad <c>--timeout-multiplier</c> is a usage error).</summary>
    private static double TimeoutMultiplier()
    {
        var text = Environment.GetEnvironmentVariable("CONFORMANCE_TIMEOUT_MULTIPLIER");
        if (string.IsNullOrWhiteSpace(text))
            return 1;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && double.IsFinite(f))
            return f;
        Assert.Fail($"CONFORMANCE_TIMEOUT_MULTIPLIER must be a positive number (e.g. 2 or 1.5), not '{text}'; unset it for the scenarios' own limits");
        return 1;
    }
}
