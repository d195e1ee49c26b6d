using System.Globalization;
using Conformance.Harness.Backends;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Cli;

/// <summary><c>run</c>: every selected scenario on every selected backend, then the table and the reports.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line)
    {
        line.RejectUnknown("backend", "filter", "repeat", "json", "junit", "python", "root");
        var paths = SuitePaths.Locate(line.Get("root"));
        var backends = Backends(line.Get("backend") ?? "all", line.Get("python"));
        var repeat = int.TryParse(line.Get("repeat") ?? "1", CultureInfo.InvariantCulture, out var r) && r >= 1
            ? r
            : throw new UsageException($"--repeat takes a whole number of at least 1, not '{line.Get("repeat")}'");

        var files = ScenarioLoader.Discover(paths.Scenarios, line.Get("filter"));
        if (files.Count == 0)
            throw new UsageException($"no scenario under {paths.Scenarios} matches '{line.Get("filter") ?? "*"}'");
        // Every file is validated before anything runs: a typo in the last file must not cost a full run first.
        var (scenarios, invalid) = ValidateCommand.LoadAll(paths, files);
        if (invalid > 0)
        {
            Console.Error.WriteLine($"{invalid} scenario file(s) invalid; nothing was run.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var runner = new ScenarioRunner(paths);
        var results = new List<RunResult>();
        foreach (var scenario in scenarios)
        {
            foreach (var backend in backends)
                results.Add(await RunRepeatedAsync(runner, scenario, backend, repeat, cancel.Token).ConfigureAwait(false));
        }

        Console.WriteLine();
        Console.WriteLine(ConsoleTable.Render(results));
        if (line.Get("json") is { } json)
            JsonReport.Write(json, results);
        if (line.Get("junit") is { } junit)
            JUnitReport.Write(junit, results);
        return results.All(x => x.Verdict == Verdict.Pass) ? 0 : 1;
    }

    private static async Task<RunResult> RunRepeatedAsync(ScenarioRunner runner, Scenario scenario, IBackend backend, int repeat, CancellationToken ct)
    {
        RunResult? last = null;
        for (var i = 1; i <= repeat; i++)
        {
            last = await runner.RunAsync(scenario, backend, ct).ConfigureAwait(false);
            var run = repeat > 1 ? $" (run {i}/{repeat})" : "";
            Console.WriteLine($"{last.Verdict.ToWire(),-15} {scenario.Id} on {last.Backend}{run} in {last.Duration.TotalSeconds:0.0} s");
            if (last.Verdict != Verdict.Pass)
            {
                if (last.Message is { } message)
                    Console.WriteLine("    " + message.Replace("\n", "\n    ", StringComparison.Ordinal));
                return repeat > 1 && last.Verdict != Verdict.NotImplemented
                    ? last with { Message = $"failed on run {i} of {repeat}: {last.Message}" }
                    : last;
            }
        }
        return last!;
    }

    private static List<IBackend> Backends(string which, string? python) => which switch
    {
        "cpython" => [new CPythonBackend(python)],
        "csharp" => [new CSharpBackend()],
        "all" => [new CPythonBackend(python), new CSharpBackend()],
        _ => throw new UsageException($"--backend takes cpython, csharp or all, not '{which}'"),
    };
}
