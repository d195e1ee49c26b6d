using System.Globalization;
using System.Text;
using Conformance.Harness.Checks.Internal;

namespace Conformance.Harness.Checks;

/// <summary>The events of one run, in the order they happened (the order of lines in the trace file).</summary>
public sealed class Trace
{
    private const int DescribedTextLength = 60;

    /// <summary>Characters read at a time; a line longer than this is assembled from several reads.</summary>
    private const int ReadBuffer = 64 * 1024;

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

    /// <summary>
    /// Reads a JSONL trace file as a stream, one line at a time (a trace can be large: the whole text is never held);
    /// a malformed line throws <see cref="TraceFormatException"/> naming path:line.
    /// </summary>
    public static Trace Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = ReadBuffer });
        return Read(reader, path);
    }

    /// <summary>Parses JSONL trace text; <paramref name="source"/> names it in messages.</summary>
    public static Trace Parse(string jsonl, string source)
    {
        using var reader = new StringReader(jsonl);
        return Read(reader, source);
    }

    /// <summary>
    /// The one reading of a trace: lines end at <c>\n</c> only (as written: one <c>write</c> per line), and only a last
    /// line without its newline may be cut short.
    /// </summary>
    private static Trace Read(TextReader reader, string source)
    {
        var events = new List<TraceEvent>();
        string? warning = null;
        var number = 0;
        var line = new StringBuilder();
        var buffer = new char[ReadBuffer];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            int newline;
            while ((newline = chunk.IndexOf('\n')) >= 0)
            {
                line.Append(chunk[..newline]);
                Add(line.ToString(), ++number, last: false);
                line.Clear();
                chunk = chunk[(newline + 1)..];
            }
            line.Append(chunk);
        }
        // A final newline leaves nothing behind, which is not a line.
        if (line.Length > 0)
            Add(line.ToString(), ++number, last: true);
        return new Trace(source, events, warning);

        void Add(string text, int at, bool last)
        {
            try
            {
                events.Add(TraceLineParser.Parse(text, events.Count));
            }
            catch (TraceLineException e) when (last && e.Truncated)
            {
                // A process killed in the middle of its write leaves a partial last line and nothing after it.
                warning = $"{source}:{at}: truncated last line ignored ({e.Message})";
            }
            catch (TraceLineException e)
            {
                throw new TraceFormatException($"{source}:{at}: {e.Message}", e);
            }
        }
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
            "task_begin" or "task_end" => $"{e.Ev} {Shorten(Selection.TaskLine(e))}{(e.Error is null ? "" : " !" + e.Error)}",
            _ => e.Ev,
        };
    }

    private static string Shorten(string s) =>
        s.Length <= DescribedTextLength ? s : string.Concat(s.AsSpan(0, DescribedTextLength), "…");

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n") + "'";
}
