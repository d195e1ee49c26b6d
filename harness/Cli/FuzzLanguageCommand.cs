using System.Globalization;
using Conformance.Harness.Fuzzing;

namespace Conformance.Harness.Cli;

/// <summary><c>fuzz-language</c>: the differential fuzzer of the two interpreters; exit 1 when they differ on a program.</summary>
internal static class FuzzLanguageCommand
{
    public static int Execute(CommandLine line)
    {
        line.RejectUnknown("count", "seed", "python", "reduce", "write");
        var count = Number(line, "count", 1000);
        var seed = Number(line, "seed", 1);
        if (line.Get("write") is { } path)
        {
            // The programs only, one JSON document per line: the input of either runner's --batch mode.
            File.WriteAllLines(path, LanguageFuzzer.Programs(count, seed));
            return 0;
        }
        var fuzzer = new LanguageFuzzer
        {
            Python = line.Get("python") ?? new LanguageFuzzer().Python,
            MaxReduced = Number(line, "reduce", 25),
        };
        var report = fuzzer.Run(count, seed, message => Console.Error.WriteLine(message));
        foreach (var difference in report.Differences)
            Console.WriteLine(difference.Describe() + "\n");
        foreach (var sample in report.RejectionSamples)
            Console.Error.WriteLine($"rejected by the validator: {sample.Split('\n')[0]}");
        Console.WriteLine(report.Summary);
        return report.DifferenceCount == 0 ? 0 : 1;
    }

    private static int Number(CommandLine line, string name, int fallback)
    {
        if (line.Get(name) is not { } text)
            return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new UsageException($"--{name} expects a whole number, got '{text}'");
    }
}
