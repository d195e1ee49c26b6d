using System.Text;
using Conformance.Harness.Checks.Internal;

namespace Conformance.Harness.Checks;

/// <summary>The last event of every pid in a trace, read as a stream without keeping the events (for a timed-out run's report).</summary>
public sealed class LastEvents
{
    /// <summary>Characters read at a time.</summary>
    private const int ReadBuffer = 64 * 1024;

    /// <summary>A line longer than this (a huge print) is skipped rather than assembled: the report needs no such text.</summary>
    private const int MaxLine = 1024 * 1024;

    private readonly Dictionary<int, TraceEvent> _last = [];
    private readonly Dictionary<int, int> _first = [];

    private LastEvents()
    {
    }

    /// <summary>The time of the trace's first event (ns), from which report times count; null for an empty trace.</summary>
    public long? Start { get; private set; }

    /// <summary>Each pid's last event.</summary>
    public IReadOnlyDictionary<int, TraceEvent> ByPid => _last;

    /// <summary>Each pid's first line number, so reports list processes in the order they appeared.</summary>
    public IReadOnlyDictionary<int, int> FirstSeen => _first;

    /// <summary>
    /// Scans at most <paramref name="maxBytes"/> of the trace at <paramref name="path"/>. Tolerant, since the run it
    /// describes was killed: lines that do not parse (a torn last line, a line cut at the byte bound) are skipped, and a
    /// missing file gives no events.
    /// </summary>
    public static LastEvents Read(string path, long maxBytes)
    {
        var found = new LastEvents();
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, ReadBuffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return found;
        }
        using (file)
        using (var reader = new StreamReader(new BoundedStream(file, maxBytes), Encoding.UTF8))
        {
            var line = new StringBuilder();
            var tooLong = false;
            var number = 0;
            var buffer = new char[ReadBuffer];
            int read;
            while ((read = reader.Read(buffer)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                int newline;
                while ((newline = chunk.IndexOf('\n')) >= 0)
                {
                    if (!tooLong)
                        found.Add(line.Append(chunk[..newline]).ToString(), number);
                    number++;
                    line.Clear();
                    tooLong = false;
                    chunk = chunk[(newline + 1)..];
                }
                if (!tooLong && line.Length + chunk.Length > MaxLine)
                {
                    tooLong = true;
                    line.Clear();
                }
                if (!tooLong)
                    line.Append(chunk);
            }
            if (!tooLong && line.Length > 0)
                found.Add(line.ToString(), number);
        }
        return found;
    }

    private void Add(string text, int number)
    {
        TraceEvent e;
        try
        {
            e = TraceLineParser.Parse(text, number);
        }
        catch (TraceLineException)
        {
            return;
        }
        Start ??= e.T;
        _last[e.Pid] = e;
        _first.TryAdd(e.Pid, number);
    }
}
