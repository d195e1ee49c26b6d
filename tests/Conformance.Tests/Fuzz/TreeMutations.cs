using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Tests.Fuzz;

/// <summary>Mutations of a file's YAML tree (type swaps, deleted and renamed keys, undefined names, moved subtrees), written back as YAML.</summary>
/// <remarks>They keep the YAML well formed, so they reach the validator instead of stopping at the parser.</remarks>
internal static class TreeMutations
{
    private static readonly string[] TopLevelKeys = ["description", "features", "main", "functions", "classes", "output", "invariants", "timeout", "id", "chaos", "<<"];

    private static readonly string[] EdgeScalars =
    [
        "", "0", "-0", "-1", "1.5", "99999999999999999999", "-9223372036854775809", "9223372036854775807", "0x", "0xFFFFFFFFFFFFFFFFF",
        "0o7777777777777777777777", "1e400", "-1e400", ".inf", "-.inf", ".nan", "1_000", "0b101", "true", "True", "yes", "no", "on",
        "~", "null", "$", "$$", "$self", "$__class__", "$a.b.c", "$x.__globals__", "__import__", "_private", "format", "mro",
        "a.b.c.d.e", "a..b", ".a", "a.", "{", "}", "{0}", "{x!r}", "{x.__class__}", "{{", "a\nb", "a\rb", "\t", "\0", "\u0007",
        "\u202E", "\uD83D\uDE00", "\uFEFF", "é", "Process", "Queue", "print", "self", "None", "lambda", "class", "def",
        "*", "**", "?", "[", "(.*", "(?<n>", "\\", "'", "\"",
    ];

    /// <summary>Applies tree mutation <paramref name="kind"/> to <paramref name="text"/> (a valid YAML file).</summary>
    public static (string Detail, byte[] Bytes) Apply(string kind, string text, Random random, IReadOnlyList<(string Name, string Text)> sources)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = stream.Documents[0].RootNode;
        var slots = new List<Slot>();
        Collect(root, null, null, 0, slots);
        var slot = slots.Count > 1 ? slots[random.Next(1, slots.Count)] : slots[0];
        string detail;
        switch (kind)
        {
            case "type-swap":
                var replacement = RandomNode(random);
                detail = $"{Describe(slot)} became {Kind(replacement)}";
                slot.Replace(replacement);
                break;
            case "delete-key":
            {
                var entry = RandomEntry(slots, random);
                if (entry is null)
                    return ("no map entry to delete", Encoding.UTF8.GetBytes(text));
                detail = $"deleted {Describe(entry)}";
                entry.Map!.Children.Remove((YamlNode)entry.Key!);
                break;
            }
            case "rename-key":
            {
                var entry = RandomEntry(slots, random);
                if (entry is null)
                    return ("no map entry to rename", Encoding.UTF8.GetBytes(text));
                var name = ((YamlScalarNode)entry.Key!).Value ?? "";
                var renamed = Rename(name, random, slots);
                detail = $"renamed {Describe(entry)} to '{Mutator.Escape(renamed.Length > 40 ? renamed[..40] + "..." : renamed)}'";
                Rekey(entry, renamed);
                break;
            }
            case "undefined-name":
            {
                var names = slots.Where(s => s.Node is YamlScalarNode { Value: { } v } && IsName(v)).ToList();
                var target = names.Count == 0 ? slot : names[random.Next(names.Count)];
                var value = (target.Node as YamlScalarNode)?.Value ?? "";
                var undefined = value.StartsWith('$') ? "$undefined_" + value[1..] : random.Next(2) == 0 ? "undefined_" + value : value + "_undefined";
                detail = $"{Describe(target)} became '{undefined}'";
                target.Replace(new YamlScalarNode(undefined));
                break;
            }
            case "copy-subtree":
            {
                // From this file or another: a part of one scenario in the wrong place of another.
                var from = random.Next(3) == 0 ? Slots(sources[random.Next(sources.Count)].Text) : slots;
                var copied = from[random.Next(from.Count)];
                detail = $"{Describe(copied)} copied over {Describe(slot)}";
                slot.Replace(Clone(copied.Node));
                break;
            }
            case "edge-scalar":
            {
                var value = EdgeScalars[random.Next(EdgeScalars.Length)];
                if (random.Next(10) == 0)
                    value = new string('v', random.Next(1_000, 200_000));
                var style = random.Next(3) switch { 0 => ScalarStyle.DoubleQuoted, 1 => ScalarStyle.SingleQuoted, _ => ScalarStyle.Any };
                detail = $"{Describe(slot)} became {style} '{Mutator.Escape(value.Length > 40 ? value[..40] + "..." : value)}'";
                slot.Replace(new YamlScalarNode(value) { Style = style });
                break;
            }
            case "wrap":
            {
                var levels = random.Next(1, 40);
                var node = Clone(slot.Node);
                for (var i = 0; i < levels; i++)
                    node = random.Next(2) == 0 ? new YamlSequenceNode(node) : new YamlMappingNode(new YamlScalarNode(random.Next(2) == 0 ? "do" : "value"), node);
                detail = $"{Describe(slot)} wrapped in {levels} lists or maps";
                slot.Replace(node);
                break;
            }
            case "long-names":
            {
                // A long name bound and a near miss of it used: any quadratic "did you mean" would take gigabytes.
                if (root is not YamlMappingNode top || !top.Children.TryGetValue(new YamlScalarNode("main"), out var main) || main is not YamlSequenceNode steps)
                    return ("no main list", Encoding.UTF8.GetBytes(text));
                var name = "n" + new string('a', random.Next(1_000, 300_000));
                steps.Children.Add(new YamlMappingNode(new YamlScalarNode("set"), new YamlScalarNode(name), new YamlScalarNode("to"), new YamlScalarNode("1")));
                steps.Children.Add(new YamlMappingNode(new YamlScalarNode("print"), new YamlSequenceNode(new YamlScalarNode("$" + name + "b"))));
                detail = $"a name of {name.Length} chars set, and used with one more";
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a tree mutation");
        }
        var yaml = new StringWriter();
        stream.Save(yaml, assignAnchors: false);
        return (detail, Encoding.UTF8.GetBytes(yaml.ToString()));
    }

    private static List<Slot> Slots(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var slots = new List<Slot>();
        Collect(stream.Documents[0].RootNode, null, null, 0, slots);
        return slots;
    }

    private static void Collect(YamlNode node, YamlNode? parent, object? key, int depth, List<Slot> slots)
    {
        slots.Add(new Slot(node, parent, key, depth));
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children.ToList())
                    Collect(v, map, k, depth + 1, slots);
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                    Collect(seq.Children[i], seq, i, depth + 1, slots);
                break;
        }
    }

    private static Slot? RandomEntry(List<Slot> slots, Random random)
    {
        var entries = slots.Where(s => s.Map is not null && s.Key is YamlScalarNode).ToList();
        return entries.Count == 0 ? null : entries[random.Next(entries.Count)];
    }

    private static string Rename(string name, Random random, List<Slot> slots)
    {
        switch (random.Next(9))
        {
            case 0:
                return name + "s";
            case 1:
                return name.Length > 1 ? name[..^1] : name + name;
            case 2:
                return name.ToUpperInvariant();
            case 3:
                return "_" + name;
            case 4:
                return TopLevelKeys[random.Next(TopLevelKeys.Length)];
            case 5:
                // A key that exists elsewhere in the file: right word, wrong place.
                var keys = slots.Where(s => s.Key is YamlScalarNode).Select(s => ((YamlScalarNode)s.Key!).Value ?? "").Distinct().ToList();
                return keys[random.Next(keys.Count)];
            case 6:
                return new string('k', random.Next(100, 50_000));
            case 7:
                return "";
            default:
                return name.Insert(random.Next(name.Length + 1), EdgeScalars[random.Next(EdgeScalars.Length)]);
        }
    }

    /// <summary>Gives the entry a new key in the same place of its map (a duplicate key then collides, as it would in a file).</summary>
    private static void Rekey(Slot entry, string renamed)
    {
        var map = entry.Map!;
        var pairs = map.Children.ToList();
        map.Children.Clear();
        foreach (var (k, v) in pairs)
        {
            var key = ReferenceEquals(k, entry.Key) ? new YamlScalarNode(renamed) : k;
            // A rename onto an existing key cannot be held by the map: a trailing space keeps the entry, as a near-duplicate.
            while (map.Children.ContainsKey(key))
                key = new YamlScalarNode(((YamlScalarNode)key).Value + " ");
            map.Children.Add(key, v);
        }
    }

    private static YamlNode RandomNode(Random random) => random.Next(12) switch
    {
        0 => new YamlScalarNode("text"),
        1 => new YamlScalarNode("42"),
        2 => new YamlScalarNode("-1.5e300"),
        3 => new YamlScalarNode("true"),
        4 => new YamlScalarNode("null"),
        5 => new YamlSequenceNode(),
        6 => new YamlMappingNode(),
        7 => new YamlSequenceNode(new YamlScalarNode("a"), new YamlScalarNode("1")),
        8 => new YamlMappingNode(new YamlScalarNode("x"), new YamlScalarNode("1")),
        9 => new YamlScalarNode("$undefined"),
        10 => new YamlScalarNode("") { Style = ScalarStyle.DoubleQuoted },
        _ => new YamlMappingNode(new YamlScalarNode("call"), new YamlScalarNode("nope")),
    };

    private static YamlNode Clone(YamlNode node) => node switch
    {
        YamlScalarNode s => new YamlScalarNode(s.Value) { Style = s.Style, Tag = s.Tag },
        YamlSequenceNode q => new YamlSequenceNode(q.Children.Select(Clone)) { Style = q.Style },
        YamlMappingNode m => CloneMap(m),
        _ => new YamlScalarNode("?"),
    };

    private static YamlMappingNode CloneMap(YamlMappingNode map)
    {
        var copy = new YamlMappingNode { Style = map.Style };
        foreach (var (k, v) in map.Children)
            copy.Children.Add(Clone(k), Clone(v));
        return copy;
    }

    private static bool IsName(string value) =>
        value.Length > 0 && (value[0] == '$' || char.IsLetter(value[0]) || value[0] == '_') && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '$' or '.' or '-' or '/');

    private static string Kind(YamlNode node) => node switch
    {
        YamlScalarNode s => $"scalar '{Mutator.Escape(s.Value ?? "")}'",
        YamlSequenceNode q => $"a list of {q.Children.Count}",
        YamlMappingNode m => $"a map of {m.Children.Count}",
        _ => node.NodeType.ToString(),
    };

    private static string Describe(Slot slot) => slot.Parent is null
        ? "the root"
        : $"the node at line {slot.Node.Start.Line} ({Kind(slot.Node)}, depth {slot.Depth})";

    /// <summary>A node and where it hangs: a map's value under <see cref="Key"/>, a list's item at an index, or the root.</summary>
    private sealed record Slot(YamlNode Node, YamlNode? Parent, object? Key, int Depth)
    {
        public YamlMappingNode? Map => Parent as YamlMappingNode;

        public void Replace(YamlNode replacement)
        {
            switch (Parent)
            {
                case YamlMappingNode map:
                    map.Children[(YamlNode)Key!] = replacement;
                    break;
                case YamlSequenceNode seq:
                    seq.Children[(int)Key!] = replacement;
                    break;
                default:
                    throw new InvalidOperationException("the root is replaced by whole-document mutations, not here");
            }
        }
    }
}
