using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Checks.Internal;

namespace Conformance.Harness.Checks;

/// <summary>An invariant's selector: which trace events it picks (all given keys must match).</summary>
public sealed class EventSelector
{
    private readonly JsonObject _source;
    private readonly Regex? _process;
    private readonly string? _ev;
    private readonly string? _obj;
    private readonly IReadOnlyList<string>? _ops;
    private readonly string? _result;
    private readonly string? _error;

    private EventSelector(JsonObject source)
    {
        _source = source;
        if (Str(source, "process") is { } process)
            _process = Patterns.Glob(process == "main" ? "MainProcess" : process);
        _ev = Str(source, "ev");
        _obj = Str(source, "obj");
        _ops = source["op"] switch
        {
            null => null,
            JsonArray list => [.. list.Select(x => x!.GetValue<string>())],
            var one => [one.GetValue<string>()],
        };
        if (Str(source, "text") is { } text)
            Text = Patterns.Regex(text);
        _result = Str(source, "result");
        _error = Str(source, "error");
    }

    /// <summary>The regex on a print's text (without its final newline), if the selector has one.</summary>
    public Regex? Text { get; }

    /// <summary>Reads a selector from its scenario form, e.g. <c>{process: main, ev: print, text: '^x'}</c>.</summary>
    public static EventSelector Parse(JsonNode? node) =>
        new(node as JsonObject ?? throw new ArgumentException($"a selector must be a map, got {node?.ToJsonString() ?? "null"}"));

    /// <summary>Whether <paramref name="e"/> matches every key of the selector.</summary>
    public bool Matches(TraceEvent e) =>
        (_process is null || _process.IsMatch(e.Proc))
        && (_ev is null || _ev == e.Ev)
        && (_obj is null || _obj == e.Obj)
        && (_ops is null || (e.Op is not null && _ops.Contains(e.Op)))
        && (Text is null || (e.Text is not null && Text.IsMatch(PrintedLine(e))))
        && (_result is null || _result == e.Result)
        && (_error is null || _error == e.Error);

    /// <summary>The events of <paramref name="trace"/> this selector matches, in trace order.</summary>
    public IReadOnlyList<TraceEvent> Select(Trace trace) => [.. trace.Events.Where(Matches)];

    /// <summary>A print's text as the <c>text</c> regex sees it: without its final newline.</summary>
    public static string PrintedLine(TraceEvent e) =>
        e.Text is { } t && t.EndsWith('\n') ? t[..^1] : e.Text ?? "";

    /// <summary>The selector as written, e.g. <c>{process: 'main', ev: 'print'}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", _source.Select(p => $"{p.Key}: {Render(p.Value)}")) + "}";

    private static string Render(JsonNode? value) => value switch
    {
        JsonArray list => "[" + string.Join(", ", list.Select(Render)) + "]",
        JsonValue v when v.TryGetValue<string>(out var s) => "'" + s.Replace("'", "''") + "'",
        _ => value?.ToJsonString() ?? "null",
    };

    private static string? Str(JsonObject o, string key) => o[key]?.GetValue<string>();
}
