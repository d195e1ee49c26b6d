using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Turns YAML text into JSON with YAML 1.2 core-schema typing, recording where every node was written.</summary>
internal static partial class YamlReader
{
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>The document, or null when the YAML itself is broken (then <paramref name="diagnostics"/> says why).</summary>
    /// <remarks>
    /// A map entry is located at its key, so messages about an entry (unknown, wrong type, bad value) point at the line
    /// that names it; list items and the root are located at their own first character. The text must be within
    /// <see cref="ScenarioLimits.MaxFileBytes"/>: the scan before the tree is linear in it, not bounded by anything else.
    /// </remarks>
    public static JsonNode? Read(string text, Dictionary<string, (int Line, int Column)> locations, List<(int Line, int Column, string Message)> diagnostics)
    {
        var root = ReadUnclamped(text, locations, diagnostics);
        ClampToText(text, locations, diagnostics);
        return root;
    }

    /// <summary>Moves positions past the end of <paramref name="text"/> to its last character's end.</summary>
    /// <remarks>
    /// YamlDotNet ends every stream with a line break of its own, so an error at the end of a file without a final
    /// newline (a truncated file), or the empty root of <c>---</c>, is marked on a line the file does not have.
    /// </remarks>
    private static void ClampToText(string text, Dictionary<string, (int Line, int Column)> locations, List<(int Line, int Column, string Message)> diagnostics)
    {
        var (lastLine, end) = TextPosition.After(text);
        (int, int) Clamp(int line, int column) =>
            line > lastLine || (line == lastLine && column > end) ? (lastLine, end) : (line, column);

        for (var i = 0; i < diagnostics.Count; i++)
        {
            var (line, column, message) = diagnostics[i];
            var (l, c) = Clamp(line, column);
            diagnostics[i] = (l, c, message);
        }
        foreach (var (pointer, (line, column)) in locations.ToList())
            locations[pointer] = Clamp(line, column);
    }

    private static JsonNode? ReadUnclamped(string text, Dictionary<string, (int Line, int Column)> locations, List<(int Line, int Column, string Message)> diagnostics)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            // The event scan runs first and alone: the tree (and its alias expansion and recursion) is only built for a
            // file already known to be within the limits.
            if (!YamlPrescan.Passes(new Parser(scanner), diagnostics))
                return null;
            scanner = new Scanner(new StringReader(text));
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            diagnostics.Add(((int)e.Start.Line, (int)e.Start.Column, Describe(e)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; where it stopped is the best mark.
            diagnostics.Add(((int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column,
                "YAML syntax error: the parser could not continue here; look for an unclosed '[' or '{' or a missing quote above"));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            diagnostics.Add((1, 1, $"expected exactly one YAML document, found {stream.Documents.Count}"));
            return null;
        }

        var root = stream.Documents[0].RootNode;
        locations[""] = At(root.Start);
        return Convert(root, "", locations, diagnostics);
    }

    private static string Describe(YamlException e)
    {
        const string duplicate = "Duplicate key ";
        if (e.Message.StartsWith(duplicate, StringComparison.Ordinal))
            return $"duplicate key '{e.Message[duplicate.Length..]}'; each key may appear once in a map";
        return $"YAML syntax error: {e.Message.TrimEnd('.')}";
    }

    private static (int, int) At(Mark mark) => ((int)mark.Line, (int)mark.Column);

    private static JsonNode? Convert(YamlNode node, string pointer, Dictionary<string, (int, int)> locations, List<(int, int, string)> diagnostics)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        diagnostics.Add(((int)key.Start.Line, (int)key.Start.Column, "map keys must be plain words, found a nested list or map"));
                        continue;
                    }
                    var child = Pointer.Append(pointer, name);
                    locations[child] = At(key.Start);
                    obj[name] = Convert(value, child, locations, diagnostics);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    var item = seq.Children[i];
                    var child = Pointer.Append(pointer, i);
                    locations[child] = At(item.Start);
                    array.Add(Convert(item, child, locations, diagnostics));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar, diagnostics);
            default:
                diagnostics.Add(((int)node.Start.Line, (int)node.Start.Column, $"unsupported YAML node {node.NodeType}"));
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar, List<(int, int, string)> diagnostics)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(value);
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            if (scalar.Tag.Value == StrTag)
                return JsonValue.Create(value);
            diagnostics.Add(((int)scalar.Start.Line, (int)scalar.Start.Column, $"unsupported YAML tag '{scalar.Tag.Value}'; quote the value to make it a string"));
            return null;
        }

        if (NullPattern().IsMatch(value))
            return null;
        if (value is "true" or "True" or "TRUE")
            return JsonValue.Create(true);
        if (value is "false" or "False" or "FALSE")
            return JsonValue.Create(false);
        if (IntPattern().IsMatch(value))
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                return JsonValue.Create(n);
            diagnostics.Add(((int)scalar.Start.Line, (int)scalar.Start.Column, $"integer {value} does not fit in 64 bits"));
            return null;
        }
        if (HexPattern().IsMatch(value))
            return JsonValue.Create(System.Convert.ToInt64(value[2..], 16));
        if (OctPattern().IsMatch(value))
            return JsonValue.Create(System.Convert.ToInt64(value[2..], 8));
        if (FloatPattern().IsMatch(value))
        {
            var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(number))
                return Float(number);
            // 1e400 parses as infinity, which JSON cannot carry (writing the document would throw).
            diagnostics.Add(((int)scalar.Start.Line, (int)scalar.Start.Column, $"float {value} is out of the range of a 64-bit float; quote it if a string was meant"));
            return null;
        }
        if (SpecialFloatPattern().IsMatch(value))
        {
            diagnostics.Add(((int)scalar.Start.Line, (int)scalar.Start.Column, $"'{value}' (infinity or NaN) cannot be carried in JSON; quote it if a string was meant"));
            return null;
        }
        return JsonValue.Create(value);
    }

    /// <summary>
    /// A float that stays a float in the JSON the backends read: System.Text.Json writes the double 3.0 as <c>3</c>,
    /// which Python's json (and the C# backend) read back as the int 3, so a scenario could not print <c>3.0</c> or send
    /// a float through a queue. The node carries its shortest round-trip text with a fraction (<c>3.0</c>,
    /// <c>-0.0</c>, <c>10000000000000000.0</c>), as Python's <c>repr</c> keeps floats distinct from ints.
    /// </summary>
    private static JsonNode Float(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
            text += ".0";
        return JsonNode.Parse(text)!;
    }

    [GeneratedRegex(@"^(null|Null|NULL|~|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^0x[0-9a-fA-F]{1,15}$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^0o[0-7]{1,21}$")]
    private static partial Regex OctPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")]
    private static partial Regex SpecialFloatPattern();
}
