using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Fuzzing.Internal;

/// <summary>
/// A document as YAML text for the loader: JSON-like flow style, every string double-quoted with YAML escapes for
/// anything outside printable ASCII (YAML forbids raw C0/C1 controls and DEL), so no string is read as a number, bool
/// or null, and every float is written so the core schema reads a float.
/// </summary>
internal static class YamlText
{
    public static string Write(JsonNode document)
    {
        var sb = new StringBuilder();
        Write(document, sb);
        return sb.Append('\n').ToString();
    }

    private static void Write(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                return;
            case JsonObject map:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in map)
                {
                    if (!first)
                        sb.Append(", ");
                    first = false;
                    Quote(key, sb);
                    sb.Append(": ");
                    Write(value, sb);
                }
                sb.Append('}');
                return;
            case JsonArray list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    Write(list[i], sb);
                }
                sb.Append(']');
                return;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        Quote(value.GetValue<string>(), sb);
                        return;
                    case JsonValueKind.True:
                        sb.Append("true");
                        return;
                    case JsonValueKind.False:
                        sb.Append("false");
                        return;
                    default:
                        if (value.TryGetValue<double>(out var d) && !value.TryGetValue<long>(out _))
                            sb.Append(FloatText(d));
                        else
                            sb.Append(value.ToJsonString());
                        return;
                }
        }
    }

    private static string FloatText(double d)
    {
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('.') || r.Contains('E') ? r : r + ".0";
    }

    private static void Quote(string s, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == '"')
                sb.Append("\\\"");
            else if (c == '\\')
                sb.Append("\\\\");
            else if (c is >= 0x20 and < 0x7f)
                sb.Append((char)c);
            else if (c <= 0xffff)
                sb.Append(CultureInfo.InvariantCulture, $"\\u{c:x4}");
            else
                sb.Append(CultureInfo.InvariantCulture, $"\\U{c:x8}");
        }
        sb.Append('"');
    }
}
