using System.Globalization;
using Conformance.Harness.Checks.Internal;

namespace Conformance.Harness.Checks;

/// <summary>The events of one run, in the order they happened (the order of lines in the trace file).</summary>
public sealed class Trace
{
    private const int DescribedTextLength = 60;

    private Trace(string source, IReadOnlyList<TraceEvent> events, string? warning)
    {
        Source = source;
        Events = events;
        Warning = warning;
    }

    /// <summary>The file (or name) the trace was read from.</summary>
    public string Source { get; }

    /// <summary>All events in file order; <see cref="TraceEvent.Index"/> is the position in this list.</summary>
    public IReadOnlyList<TraceEvent> Events { get; }

    /// <summary>Set when the last line was truncated (a process killed mid-write) and was skipped.</summary>
    public string? Warning { get; }

    /// <summary>The machine facts from the <c>meta</c> event; throws when the trace has none.</summary>
    public TraceFacts Facts
    {
        get
        {
            var meta = Events.FirstOrDefault(e => e.Ev == "meta")
                ?? throw new TraceFormatException(
                    $"{Source}: no 'meta' event; the runner must write one (with backend and cpu_count) before main starts");
            return new TraceFacts(meta.CpuCount!.Value, meta.Backend!);
        }
    }

    /// <summary>Reads a JSONL trace file; a malformed line throws <see cref="TraceFormatException"/> naming path:line.</summary>
    public static Trace Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses JSONL trace text; <paramref name="source"/> names it in messages.</summary>
    public static Trace Parse(string jsonl, string source)
    {
        var lines = jsonl.Split('\n');
        // A final newline leaves an empty last element, which is not a line.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var endsWithNewline = count < lines.Length;
        var events = new List<TraceEvent>(count);
        string? warning = null;
        for (var i = 0; i < count; i++)
        {
            try
            {
                events.Add(TraceLineParser.Parse(lines[i], events.Count));
            }
            catch (TraceLineException e) when (i == count - 1 && !endsWithNewline && e.Truncated)
            {
                // A process killed in the middle of its write leaves a partial last line and nothing after it.
                warning = $"{source}:{i + 1}: truncated last line ignored ({e.Message})";
            }
            catch (TraceLineException e)
            {
                throw new TraceFormatException($"{source}:{i + 1}: {e.Message}", e);
            }
        }
        return new Trace(source, events, warning);
    }

    /// <summary>A short description of an event for messages, e.g. <c>#12 Consumer-3 (pid 4242) call tasks.get() at +1.234s</c>.</summary>
    public string Describe(TraceEvent e)
    {
        var seconds = Events.Count == 0 ? 0 : (e.T - Events[0].T) / 1e9;
        var at = seconds.ToString("0.000", CultureInfo.InvariantCulture);
        return $"#{e.Index} {e.Proc} (pid {e.Pid}) {What(e)} at +{at}s";
    }

    private static string What(TraceEvent e)
    {
        return e.Ev switch
        {
            "print" => $"print {Quote(Shorten((e.Text ?? "").TrimEnd('\n')))}",
            "call" => $"call {e.Obj}.{e.Op}({Shorten(string.Join(", ", e.Args ?? []))})",
            "return" => $"return {e.Obj}.{e.Op}() -> {Shorten(e.Result ?? "")}",
            "raise" => $"raise {e.Obj}.{e.Op}() !{e.Error}: {Shorten(e.Message ?? "")}",
            "crash" => $"crash {e.Error}: {Shorten(e.Message ?? "")}",
            "meta" => $"meta {e.Backend} cpu_count={e.CpuCount}",
            _ => e.Ev,
        };
    }

    private static string Shorten(string s) =>
        s.Length <= DescribedTextLength ? s : string.Concat(s.AsSpan(0, DescribedTextLength), "…");

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n") + "'";
}
