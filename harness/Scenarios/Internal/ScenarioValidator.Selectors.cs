using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Selectors of trace events; each key must name something the scenario can produce.</summary>
internal sealed partial class ScenarioValidator
{
    /// <summary>Checks a selector; returns its <c>ev</c> and compiled <c>text</c> when present and valid.</summary>
    private (string? Ev, Regex? Text) Selector(JsonNode? node, string ptr)
    {
        if (Map(node, ptr, "a selector ({process, ev, obj, op, text, result, error})") is not { } selector)
            return (null, null);
        CheckKeys(selector, ptr, "a selector", Vocabulary.Selector.Allowed, Vocabulary.Selector.Required);
        string? ev = null;
        Regex? text = null;

        if (selector.TryGetPropertyValue("process", out var p) && String(p, ptr + "/process", "a process name glob") is { } glob)
            ProcessGlob(glob, ptr + "/process");
        if (selector.TryGetPropertyValue("ev", out var e) && String(e, ptr + "/ev", "an event kind") is { } kind)
        {
            if (Vocabulary.TraceEvents.Contains(kind))
                ev = kind;
            else
                bag.Add(ptr + "/ev", $"unknown event kind '{kind}'{Names.DidYouMean(kind, Vocabulary.TraceEvents)}; expected one of: {Names.List(Vocabulary.TraceEvents)}");
        }
        if (selector.TryGetPropertyValue("obj", out var o) && String(o, ptr + "/obj", "an object label") is { } label && !_labels.Contains(label))
        {
            var labels = _labels.Order(StringComparer.Ordinal).ToList();
            bag.Add(ptr + "/obj", $"selector can never match: no object is labelled '{label}'{Names.DidYouMean(label, labels)}; labels are the names bound by 'set' steps: {Names.List(labels)}");
        }
        if (selector.TryGetPropertyValue("op", out var op))
            Ops(op, ptr + "/op");
        if (selector.TryGetPropertyValue("text", out var t))
        {
            text = Pattern(t, ptr + "/text");
            if (ev is not (null or "print" or "task_begin" or "task_end"))
                bag.Add(ptr + "/text", $"'text' only matches print events and pool task lines (task_begin, task_end), but this selector has ev: {ev}");
        }
        if (selector.TryGetPropertyValue("result", out var result))
            String(result, ptr + "/result", "the exact repr of a return value, quoted (e.g. 'True')");
        if (selector.TryGetPropertyValue("error", out var error) && String(error, ptr + "/error", "an exception type name") is { } type && !Names.IsIdentifier(type))
            bag.Add(ptr + "/error", $"'{type}' is not an exception type name");
        return (ev, text);
    }

    private void ProcessGlob(string glob, string ptr)
    {
        var pattern = glob == "main" ? "MainProcess" : glob;
        if (_processNames.Any(name => Glob.Intersects(pattern, name)))
            return;
        bag.Add(ptr, $"selector can never match: no process can be named '{glob}'; possible names: main (MainProcess), {Names.List(_processNames.Where(n => n != "MainProcess"))}".TrimEnd(',', ' '));
    }

    private void Ops(JsonNode? node, string ptr)
    {
        if (node is JsonArray list)
        {
            if (list.Count == 0)
                bag.Add(ptr, "expected at least one method name, found an empty list");
            for (var i = 0; i < list.Count; i++)
                Op(list[i], Pointer.Append(ptr, i));
        }
        else
            Op(node, ptr);
    }

    private void Op(JsonNode? node, string ptr)
    {
        if (String(node, ptr, "a method name or a list of them") is not { } op)
            return;
        if (Vocabulary.KnownMethods.Contains(op) || Vocabulary.TraceOps.Contains(op))
            return;
        var known = Vocabulary.KnownMethods.Concat(Vocabulary.TraceOps);
        bag.Add(ptr, $"selector can never match: '{op}' is not a method of any traced object{Names.DidYouMean(op, known)}");
    }
}
