using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Conformance.Harness.Running;

namespace Conformance.Harness.Reports;

/// <summary>
/// <c>run --html PATH</c>: one self-contained page (no network: CSS, script and SVG inline) with the scenario × backend
/// matrix and, per scenario, each backend's trace as a timeline (one lane per process), the invariants' named events
/// highlighted, the snapshot diff and the stderr tail (the timelines of Porcupine and Jepsen; the matrix of wpt.fyi).
/// </summary>
/// <remarks>
/// A scenario's text is hostile: everything written into the HTML goes through <c>WebUtility.HtmlEncode</c>, and
/// the traces travel as JSON in a <c>script type="application/json"</c> element whose <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c> are <c>\u</c>-escaped (so no <c>&lt;/script&gt;</c> can close it); the page's script reads them with
/// <c>JSON.parse</c> and writes them with <c>textContent</c> and <c>setAttribute</c> only, never as markup.
/// </remarks>
public static partial class HtmlReport
{
    /// <summary>Writes the report to <paramref name="path"/> (UTF-8, LF).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="results">The results, in run order.</param>
    /// <param name="descriptions">Each scenario's <c>description</c>, by id (missing ones are left out).</param>
    /// <param name="coverage">The checklist coverage of the run's scenarios, drawn as a table after the matrix; none when null.</param>
    public static void Write(string path, IReadOnlyList<RunResult> results, IReadOnlyDictionary<string, string>? descriptions = null, Coverage? coverage = null) =>
        File.WriteAllText(path, Render(results, descriptions, coverage), new UTF8Encoding(false));

    /// <summary>The report's HTML text.</summary>
    public static string Render(IReadOnlyList<RunResult> results, IReadOnlyDictionary<string, string>? descriptions = null, Coverage? coverage = null)
    {
        descriptions ??= new Dictionary<string, string>();
        var backends = results.Select(r => r.Backend).Distinct().ToList();
        var scenarios = results.Select(r => r.Scenario).Distinct().ToList();
        var cells = results.GroupBy(r => (r.Scenario, r.Backend)).ToDictionary(g => g.Key, g => g.Last());
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<title>Conformance report</title>\n<style>\n").Append(Asset("report.css")).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>Conformance report</h1><p class=\"totals\">")
            .Append(E(Totals(results))).Append("</p></header>\n");
        Matrix(html, scenarios, backends, cells);
        if (coverage is not null)
            CoverageTable(html, coverage, scenarios, backends, cells);
        html.Append("<main>\n");
        for (var s = 0; s < scenarios.Count; s++)
            Scenario(html, s, scenarios[s], backends.Select(b => cells.GetValueOrDefault((scenarios[s], b))).OfType<RunResult>().ToList(), descriptions);
        html.Append("</main>\n<script type=\"application/json\" id=\"report-data\">");
        html.Append(Data(scenarios, backends, cells));
        html.Append("</script>\n<script>\n").Append(Asset("report.js")).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Matrix(StringBuilder html, List<string> scenarios, List<string> backends, Dictionary<(string, string), RunResult> cells)
    {
        html.Append("<table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>scenario</th>");
        foreach (var b in backends)
            html.Append("<th data-backend=\"").Append(E(b)).Append("\">").Append(E(b)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var s = 0; s < scenarios.Count; s++)
        {
            html.Append("<tr data-scenario=\"").Append(E(scenarios[s])).Append("\"><th><a href=\"#s").Append(s).Append("\">")
                .Append(E(scenarios[s])).Append("</a></th>");
            foreach (var b in backends)
            {
                if (!cells.TryGetValue((scenarios[s], b), out var r))
                {
                    html.Append("<td class=\"none\">-</td>");
                    continue;
                }
                html.Append("<td class=\"v-").Append(r.Verdict.ToWire()).Append("\" data-backend=\"").Append(E(b)).Append("\" data-verdict=\"")
                    .Append(r.Verdict.ToWire()).Append("\"><a href=\"#s").Append(s).Append("\">").Append(r.Verdict.ToWire()).Append("</a>")
                    .Append("<span class=\"dur\">").Append(Seconds(r.Duration)).Append("</span>");
                if (r.ExpectationReason is { } reason)
                    html.Append("<span class=\"reason\">").Append(E(reason)).Append("</span>");
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Scenario(StringBuilder html, int index, string id, List<RunResult> results, IReadOnlyDictionary<string, string> descriptions)
    {
        // Scenarios that need a look are open (and drawn) from the start; the others draw when opened.
        var open = results.Any(r => r.Verdict != Verdict.Pass) ? " open" : "";
        html.Append("<details class=\"scenario\" id=\"s").Append(index).Append("\" data-index=\"").Append(index)
            .Append("\" data-scenario=\"").Append(E(id)).Append('"').Append(open).Append(">\n<summary><span class=\"id\">")
            .Append(E(id)).Append("</span>");
        foreach (var r in results)
            html.Append(" <span class=\"badge v-").Append(r.Verdict.ToWire()).Append("\">").Append(E(r.Backend)).Append(": ").Append(r.Verdict.ToWire()).Append("</span>");
        html.Append("</summary>\n");
        if (descriptions.TryGetValue(id, out var description))
            html.Append("<p class=\"description\">").Append(E(description)).Append("</p>\n");
        html.Append("<div class=\"timeline\" data-index=\"").Append(index).Append("\"></div>\n");
        foreach (var r in results)
        {
            html.Append("<section class=\"result\" data-backend=\"").Append(E(r.Backend)).Append("\"><h3>").Append(E(r.Backend)).Append(": <span class=\"v-")
                .Append(r.Verdict.ToWire()).Append("\">").Append(r.Verdict.ToWire()).Append("</span> in ").Append(Seconds(r.Duration)).Append("</h3>\n");
            var failed = r.Invariants.Where(i => !i.Passed).ToList();
            if (failed.Count > 0)
            {
                html.Append("<ul class=\"invariants\">");
                foreach (var i in failed)
                    html.Append("<li class=\"failed-invariant\"><b>").Append(E(i.Name)).Append("</b> (").Append(E(i.Kind)).Append(") failed: ")
                        .Append(E(i.Detail)).Append("</li>");
                html.Append("</ul>\n");
            }
            if (r.Message is { } message)
                html.Append("<details class=\"message\"").Append(failed.Count == 0 ? " open" : "").Append("><summary>message</summary><pre>")
                    .Append(E(message)).Append("</pre></details>\n");
            if (r.SnapshotDiff is { Length: > 0 } diff)
                Diff(html, diff);
            if (r.Details is { StderrTail.Length: > 0 } d)
                html.Append("<details class=\"stderr\"><summary>stderr (last lines)</summary><pre>").Append(E(d.StderrTail)).Append("</pre></details>\n");
            html.Append("</section>\n");
        }
        html.Append("</details>\n");
    }

    private static void Diff(StringBuilder html, string diff)
    {
        html.Append("<details class=\"diff\" open><summary>snapshot diff (verified → received)</summary><pre>");
        foreach (var line in diff.TrimEnd('\n').Split('\n'))
        {
            var kind = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "file"
                : line.StartsWith('+') ? "add" : line.StartsWith('-') ? "del" : line.StartsWith("@@", StringComparison.Ordinal) ? "hunk" : "ctx";
            html.Append("<span class=\"").Append(kind).Append("\">").Append(E(line)).Append("</span>\n");
        }
        html.Append("</pre></details>\n");
    }

    /// <summary>The traces as JSON: per scenario, per backend, the events and the failing invariants' event indices.</summary>
    private static string Data(List<string> scenarios, List<string> backends, Dictionary<(string, string), RunResult> cells)
    {
        using var stream = new MemoryStream();
        // The default encoder escapes <, >, &, ' and " (and non-ASCII) as \uXXXX: the JSON cannot end its script element.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
        {
            json.WriteStartArray();
            foreach (var scenario in scenarios)
            {
                json.WriteStartArray();
                foreach (var backend in backends)
                {
                    if (cells.TryGetValue((scenario, backend), out var r))
                        Result(json, r);
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Result(Utf8JsonWriter json, RunResult r)
    {
        json.WriteStartObject();
        json.WriteString("backend", r.Backend);
        json.WriteString("verdict", r.Verdict.ToWire());
        json.WriteBoolean("timedOut", r.Details?.TimedOut ?? r.Verdict is Verdict.Timeout or Verdict.ExpectedTimeout);
        if (r.Details?.TraceNote is { } note)
            json.WriteString("note", note);
        else if (r.Details is null)
            json.WriteString("note", "no trace kept for this result");
        json.WriteStartArray("invariants");
        foreach (var i in r.Invariants.Where(i => !i.Passed))
        {
            json.WriteStartObject();
            json.WriteString("name", i.Name);
            json.WriteString("kind", i.Kind);
            json.WriteStartArray("events");
            foreach (var e in i.Events)
                json.WriteNumberValue(e);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("events");
        var events = r.Details?.Events ?? [];
        var t0 = events.Count == 0 ? 0 : events[0].T;
        foreach (var e in events)
        {
            // Compact rows: [index, ms since the first event, pid, proc, ev, obj, op, detail].
            json.WriteStartArray();
            json.WriteNumberValue(e.Index);
            json.WriteNumberValue(Math.Round((e.T - t0) / 1e6, 3));
            json.WriteNumberValue(e.Pid);
            json.WriteStringValue(e.Proc);
            json.WriteStringValue(e.Ev);
            json.WriteStringValue(e.Obj ?? "");
            json.WriteStringValue(e.Op ?? "");
            json.WriteStringValue(Detail(e));
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>What an event says besides its kind: a print's text, a call's arguments, a result, an error.</summary>
    private static string Detail(Checks.TraceEvent e) => e.Ev switch
    {
        "print" => Cut((e.Text ?? "").TrimEnd('\n')),
        "call" => Cut(string.Join(", ", e.Args ?? [])),
        "return" => Cut(e.Result ?? ""),
        "raise" or "crash" => Cut($"{e.Error}: {e.Message}"),
        "meta" => $"{e.Backend} cpu_count={e.CpuCount}",
        _ => "",
    };

    /// <summary>A huge repr or print would bloat the page; the report shows its start.</summary>
    private static string Cut(string s) => s.Length <= 300 ? s : string.Concat(s.AsSpan(0, 300), "…");

    private static string Totals(IReadOnlyList<RunResult> results) =>
        $"{results.Count} results: " + string.Join(", ", results.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToWire()}"));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("report." + name)
            ?? throw new InvalidOperationException($"the harness is built without its report asset {name}; rebuild it (dotnet build harness)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
