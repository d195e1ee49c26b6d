using System.CommandLine;
using Conformance.Harness.Fuzzing;

namespace Conformance.Harness.Cli;

/// <summary><c>fuzz-language</c>: the differential fuzzer of the two interpreters; exit 1 when they differ on a program.</summary>
internal static class FuzzLanguageCommand
{
    private static readonly Option<int> Count = Options.Whole("--count", "N", "how many programs to generate", min: 0, fallback: 1000);
    private static readonly Option<int> Seed = Options.Whole("--seed", "S", "the generator's seed", min: 0, fallback: 1);
    private static readonly Option<int> Reduce = Options.Whole("--reduce", "N", "reduce and print the first N differences", min: 0, fallback: 25);
    private static readonly Option<string?> Write = Options.OutputFile("--write", "only write the programs, one JSON per line (the runners' --batch input)");
    private static readonly Option<string?> Python = PythonOption();

    /// <summary>The command, as the parser knows it.</summary>
    public static Command Create()
    {
        var command = new Command("fuzz-language", "run generated programs on both interpreters and report every difference, reduced") { Count, Seed, Reduce, Write, Python };
        command.SetAction(Execute);
        return command;
    }

    private static Option<string?> PythonOption()
    {
        var python = Options.Text("--python", "PATH|VERSION", "the CPython interpreter of the Python side (default: python3 on PATH)", "needs an interpreter's path or a version such as 3.13, not an empty name");
        python.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[0].Value.Length > 0)
                Options.Interpreter(result.Tokens[0].Value, result);
        });
        return python;
    }

    public static int Execute(ParseResult line)
    {
        var count = line.GetValue(Count);
        var seed = line.GetValue(Seed);
        if (line.GetValue(Write) is { } path)
        {
            // The programs only, one JSON document per line: the input of either runner's --batch mode.
            File.WriteAllLines(path, LanguageFuzzer.Programs(count, seed));
            return 0;
        }
        var fuzzer = new LanguageFuzzer
        {
            Python = line.GetValue(Python) is { } python ? Backends.PythonInstallation.Locate(python) : new LanguageFuzzer().Python,
            MaxReduced = line.GetValue(Reduce),
        };
        var report = fuzzer.Run(count, seed, message => Console.Error.WriteLine(message));
        foreach (var difference in report.Differences)
            Console.WriteLine(difference.Describe() + "\n");
        foreach (var sample in report.RejectionSamples)
            Console.Error.WriteLine($"rejected by the validator: {sample.Split('\n')[0]}");
        Console.WriteLine(report.Summary);
        return report.DifferenceCount == 0 ? 0 : 1;
    }
}
