using System.Diagnostics;
using System.Text.Json.Nodes;
using Conformance.Harness.Fuzzing.Internal;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// The differential fuzzer of the scenario language: generated programs that pass the validator run on CPython's
/// interpreter (conformance_runner.py in batch mode, one process) and on the C# interpreter (in this process); every
/// program whose printed text or uncaught error differs is reported, reduced to a small program that still differs.
/// </summary>
public sealed class LanguageFuzzer
{
    private const string Root = "/fuzz";
    private const string File = "/fuzz/generated.yaml";

    /// <summary>The CPython interpreter (default: the first entry of <c>CONFORMANCE_PYTHON</c>, a path or a version, else <c>python3</c>).</summary>
    public string Python { get; init; } = Backends.PythonInstallation.Matrix() is [var p, ..] ? Backends.PythonInstallation.Locate(p) : "python3";

    /// <summary>conformance_runner.py (default: the copy next to the harness).</summary>
    public string RunnerScript { get; init; } = Path.Combine(AppContext.BaseDirectory, "python", "conformance_runner.py");

    /// <summary>How many differences are reduced and kept in the report (all are counted).</summary>
    public int MaxReduced { get; init; } = 25;

    /// <summary>Runs <paramref name="count"/> programs generated from <paramref name="seed"/>.</summary>
    public FuzzReport Run(int count, int seed, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var rejected = 0;
        var samples = new List<string>();
        var differences = new List<FuzzDifference>();
        var differenceCount = 0;
        using var python = new PythonBatch(Python, RunnerScript);
        for (var i = 0; i < count; i++)
        {
            var document = new ProgramGenerator(unchecked((seed * 1_000_003) + i)).Generate();
            var yaml = YamlText.Write(document);
            if (Validated(yaml) is not { } json)
            {
                rejected++;
                if (samples.Count < 5)
                    samples.Add(Rejection(yaml));
                continue;
            }
            python.Send(json);
            var cs = CSharpBatch.Run(json); // while CPython runs the same program
            var py = python.Receive();
            if (SameResult(py, cs))
                continue;
            differenceCount++;
            if (differences.Count < MaxReduced)
                differences.Add(Reduce(i, document, yaml, py, cs, python));
            if (progress is not null && differenceCount <= MaxReduced)
                progress($"difference in program #{i}");
        }
        return new FuzzReport(count, rejected, samples, differenceCount, differences, clock.Elapsed);
    }

    /// <summary>The validated documents of <paramref name="count"/> programs from <paramref name="seed"/>, one JSON per line (batch mode's input).</summary>
    public static IEnumerable<string> Programs(int count, int seed)
    {
        for (var i = 0; i < count; i++)
        {
            if (Validated(YamlText.Write(new ProgramGenerator(unchecked((seed * 1_000_003) + i)).Generate())) is { } json)
                yield return json;
        }
    }

    /// <summary>One program's results on both interpreters (a YAML document as a scenario author writes it).</summary>
    public (ProgramResult Python, ProgramResult CSharp) RunOne(string yaml)
    {
        var json = Validated(yaml) ?? throw new ArgumentException(Rejection(yaml), nameof(yaml));
        using var python = new PythonBatch(Python, RunnerScript);
        python.Send(json);
        return (python.Receive(), CSharpBatch.Run(json));
    }

    /// <summary>
    /// Equal results, an object's address aside: <c>&lt;function &lt;lambda&gt; at 0x7f..&gt;</c> is a different number in each
    /// interpreter (the snapshots scrub it the same way).
    /// </summary>
    private static bool SameResult(ProgramResult a, ProgramResult b) =>
        a == b || (Scrub(a.Output) == Scrub(b.Output) && Scrub(a.Error) == Scrub(b.Error));

    private static string? Scrub(string? text) =>
        text is null ? null : System.Text.RegularExpressions.Regex.Replace(text, " at 0x[0-9a-f]+>", " at 0xADDR>");

    /// <summary>The document as the harness hands it to a backend (validated, re-read JSON), or null when the validator refuses it.</summary>
    private static string? Validated(string yaml)
    {
        try
        {
            return ScenarioLoader.Parse(Root, File, yaml).Document.ToJsonString();
        }
        catch (ScenarioValidationException)
        {
            return null;
        }
    }

    private static string Rejection(string yaml)
    {
        try
        {
            ScenarioLoader.Parse(Root, File, yaml);
            return "accepted";
        }
        catch (ScenarioValidationException e)
        {
            return string.Join("; ", e.Diagnostics.Take(3)) + "\n" + yaml;
        }
    }

    private static FuzzDifference Reduce(int index, JsonObject document, string yaml, ProgramResult py, ProgramResult cs, PythonBatch python)
    {
        (ProgramResult, ProgramResult)? last = null;
        bool StillDiffers(JsonObject candidate)
        {
            if (Validated(YamlText.Write(candidate)) is not { } json)
                return false;
            python.Send(json);
            var c = CSharpBatch.Run(json);
            var p = python.Receive();
            if (SameResult(p, c))
                return false;
            last = (p, c);
            return true;
        }
        var reduced = Reducer.Reduce(document, StillDiffers);
        var (rp, rc) = last ?? (py, cs);
        return new FuzzDifference(index, yaml, YamlText.Write(reduced), py, cs, rp, rc);
    }
}
