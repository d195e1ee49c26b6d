using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Fuzz;

/// <summary>Runs one load under the fuzzers' bounds and checks the contract: it loads, or every diagnostic is <c>file:line:column: message</c> inside the file.</summary>
internal static partial class FuzzCase
{
    /// <summary>Generous for one file of at most a few MiB on a loaded 2-core machine; a hang is what it catches.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    /// <summary>Allocation allowed per load: a fixed part plus a multiple of the input (a tree and JSON copies of a 1 MiB file, not the gigabytes of an expanded alias).</summary>
    public static long AllocationBound(long inputBytes) => (64L << 20) + (200 * inputBytes);

    /// <summary>Runs <paramref name="load"/> on a pool thread, waiting at most <see cref="TimeBound"/>.</summary>
    public static LoadOutcome Run(Action load)
    {
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                load();
                return new LoadOutcome(null, null, false, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            catch (ScenarioValidationException e)
            {
                return new LoadOutcome(e.Diagnostics, null, false, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
            }
#pragma warning disable CA1031 // Catching everything is the point: any other exception is what the fuzzer reports.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new LoadOutcome(null, e, false, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        });
        return task.Wait(TimeBound) ? task.Result : new LoadOutcome(null, null, true, TimeBound, 0);
    }

    /// <summary>Every way <paramref name="outcome"/> breaks the contract for a file named <paramref name="file"/> holding <paramref name="text"/>.</summary>
    public static List<string> Problems(LoadOutcome outcome, string file, string text, long inputBytes)
    {
        var problems = new List<string>();
        if (outcome.Hung)
            problems.Add($"did not return within {TimeBound.TotalSeconds} s");
        if (outcome.Crash is { } crash)
            problems.Add($"threw {crash.GetType().FullName} instead of ScenarioValidationException: {crash}");
        if (outcome.Allocated > AllocationBound(inputBytes))
            problems.Add($"allocated {outcome.Allocated:N0} bytes, more than the bound of {AllocationBound(inputBytes):N0}");
        if (outcome.Diagnostics is not { } diagnostics)
            return problems;
        if (diagnostics.Count == 0)
            problems.Add("refused with no diagnostic");
        var lines = LineLengths(text);
        foreach (var d in diagnostics)
        {
            var shown = d.ToString();
            if (d.File != file)
                problems.Add($"names file '{d.File}', not '{file}': {shown}");
            if (d.Line < 1 || d.Line > lines.Count)
                problems.Add($"line {d.Line} is outside the file's {lines.Count} line(s): {Short(shown)}");
            else if (d.Column < 1 || d.Column > lines[d.Line - 1] + 1)
                problems.Add($"column {d.Column} is outside line {d.Line} ({lines[d.Line - 1]} chars): {Short(shown)}");
            if (!DiagnosticPattern().IsMatch(shown))
                problems.Add($"is not one 'file:line:column: message' line: {Mutator.Escape(Short(shown))}");
        }
        return problems;
    }

    /// <summary>The length of every line, split at the breaks YAML knows (LF, CRLF, CR, NEL, LS, PS).</summary>
    private static List<int> LineLengths(string text)
    {
        var lengths = new List<int>();
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                lengths.Add(length);
                length = 0;
            }
            else
            {
                length++;
            }
        }
        lengths.Add(length);
        return lengths;
    }

    /// <summary>The text the loader reads from <paramref name="bytes"/>: UTF-8 unless a byte-order mark says otherwise (invalid bytes replaced).</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "..." : text;

    // One line: a file, two positive numbers, a non-empty message without line breaks or other control characters.
    [GeneratedRegex(@"\A[^\r\n]+:[1-9][0-9]*:[1-9][0-9]*: [^\x00-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]+\z")]
    private static partial Regex DiagnosticPattern();
}
