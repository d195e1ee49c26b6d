using System.Globalization;
using System.Text;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Fuzz;

/// <summary>Makes mutated copies of real YAML files: byte, text and tree mutations, every choice drawn from the case's seeded <see cref="Random"/>.</summary>
/// <param name="sources">The files to mutate (name, UTF-8 text); each mutant starts from one of them.</param>
internal sealed class Mutator(IReadOnlyList<(string Name, string Text)> sources)
{
    /// <summary>Every mutation, each drawn with the same probability except the costly ones (see <see cref="Rare"/>).</summary>
    public static readonly string[] Kinds =
    [
        "truncate", "byte-flip", "bit-flip", "nul", "invalid-utf8", "bom", "line-endings", "tabs", "delete-line",
        "duplicate-line", "swap-lines", "indent-shift", "splice", "indicator", "anchor-alias", "alias-bomb", "flow-nest",
        "block-nest", "long-line", "long-key", "type-swap", "delete-key", "rename-key", "undefined-name", "copy-subtree",
        "edge-scalar", "wrap", "long-names", "whole-document", "huge",
    ];

    /// <summary>Mutations that make files of up to a few MiB: drawn ten times less often, to keep a run of thousands fast.</summary>
    private static readonly HashSet<string> Rare = ["huge", "long-line", "long-key", "alias-bomb", "long-names"];

    private static readonly string[] InvalidUtf8 =
    [
        "FF", "FE", "C3 28", "A0 A1", "E2 28 A1", "E2 82 28", "F0 28 8C BC", "F0 90 28 BC", "C0 AF", "E0 80 AF",
        "ED A0 80", "ED BF BF", "F4 90 80 80", "F8 88 80 80 80", "80", "C3",
    ];

    private static readonly string[] Boms = ["FF FE", "FE FF", "FF FE 00 00", "00 00 FE FF", "EF BB BF", "EF BB BF EF BB BF", "2B 2F 76"];

    private static readonly string[] Indicators =
    [
        "%", "@", "`", "!", "!!binary ", "!!python/object:os.system ", "&", "*", "|", ">", "? ", "---\n", "...\n",
        "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "!local ", "{", "}", "[", "]", ",", "#", "'", "\"", "\\", ": ", "- ", "<<: ",
        "\t", "\u0085", "\u2028", "\uFEFF", "\u202E", "\uD83D\uDE00", "\u0007", "\u001B[31m",
    ];

    /// <summary>Mutant number <paramref name="caseNumber"/> of the run with <paramref name="seed"/>.</summary>
    public Mutant Make(int seed, int caseNumber)
    {
        var random = FuzzSeed.For(seed, caseNumber);
        var (name, text) = sources[random.Next(sources.Count)];
        var kind = Kinds[random.Next(Kinds.Length)];
        // A rare kind is kept one time in ten; otherwise the draw falls back to a cheap one.
        if (Rare.Contains(kind) && random.Next(10) != 0)
            kind = "byte-flip";
        var (detail, bytes) = Apply(kind, text, random);
        return new Mutant(caseNumber, kind, name, detail, bytes);
    }

    private (string Detail, byte[] Bytes) Apply(string kind, string text, Random random)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        switch (kind)
        {
            case "truncate":
            {
                var at = random.Next(utf8.Length);
                return ($"at byte {at}", utf8[..at]);
            }
            case "byte-flip":
            {
                var bytes = (byte[])utf8.Clone();
                var where = new List<string>();
                for (var n = random.Next(1, 9); n > 0; n--)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] = (byte)random.Next(256);
                    where.Add(string.Create(CultureInfo.InvariantCulture, $"{at}=0x{bytes[at]:X2}"));
                }
                return (string.Join(' ', where), bytes);
            }
            case "bit-flip":
            {
                var bytes = (byte[])utf8.Clone();
                var at = random.Next(bytes.Length);
                var bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return (string.Create(CultureInfo.InvariantCulture, $"byte {at} bit {bit}"), bytes);
            }
            case "nul":
                return InsertBytes(utf8, random, random.Next(3) == 0 ? "00 00 00 00" : "00");
            case "invalid-utf8":
                return InsertBytes(utf8, random, InvalidUtf8[random.Next(InvalidUtf8.Length)]);
            case "bom":
                return Bom(text, utf8, random);
            case "line-endings":
                return random.Next(2) == 0 ? ("CRLF", Utf8(text.Replace("\n", "\r\n", StringComparison.Ordinal))) : ("CR", Utf8(text.Replace('\n', '\r')));
            case "tabs":
            {
                var lines = Lines(text);
                var i = random.Next(lines.Count);
                lines[i] = "\t" + lines[i].TrimStart(' ');
                return ($"line {i + 1}", Utf8(string.Join('\n', lines)));
            }
            case "delete-line" or "duplicate-line" or "swap-lines" or "indent-shift":
                return LineEdit(kind, text, random);
            case "splice":
            {
                var lines = Lines(text);
                var other = Lines(sources[random.Next(sources.Count)].Text);
                var from = random.Next(other.Count);
                var count = Math.Min(random.Next(1, 8), other.Count - from);
                var at = random.Next(lines.Count + 1);
                lines.InsertRange(at, other.GetRange(from, count));
                return ($"{count} line(s) at line {at + 1}", Utf8(string.Join('\n', lines)));
            }
            case "indicator":
            {
                var what = Indicators[random.Next(Indicators.Length)];
                var at = CharOffset(text, random);
                return ($"{Escape(what)} at char {at}", Utf8(text.Insert(at, what)));
            }
            case "anchor-alias":
                return AnchorAlias(text, random);
            case "alias-bomb":
                return random.Next(2) == 0 ? ("prepended", Utf8(HostileYaml.AliasBomb() + text)) : ("appended", Utf8(text + "\n" + HostileYaml.AliasBomb()));
            case "flow-nest":
            {
                var depth = random.Next(3) == 0 ? random.Next(30, 100_000) : random.Next(25, 40);
                var nest = random.Next(2) == 0
                    ? new string('[', depth) + "1" + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
                if (random.Next(4) == 0)
                    nest = nest[..random.Next(nest.Length)]; // unclosed
                return ReplaceValue(text, random, nest, string.Create(CultureInfo.InvariantCulture, $"depth {depth}"));
            }
            case "block-nest":
            {
                var depth = random.Next(25, random.Next(3) == 0 ? 1_200 : 45);
                var nest = new StringBuilder("\n");
                for (var d = 1; d <= depth; d++)
                    nest.Append(' ', d).Append(random.Next(2) == 0 ? "- " : "k: ").Append('\n');
                return ($"depth {depth} at the end", Utf8(text + "\nnest:" + nest));
            }
            case "long-line":
            {
                var length = random.Next(10_000, 1_200_000);
                var fill = new string((char)random.Next('a', 'z' + 1), length);
                var at = CharOffset(text, random);
                return (string.Create(CultureInfo.InvariantCulture, $"{length} chars at char {at}"), Utf8(text.Insert(at, fill)));
            }
            case "long-key":
            {
                var length = random.Next(1_000, 600_000);
                return (string.Create(CultureInfo.InvariantCulture, $"key of {length} chars"), Utf8(text + "\n" + new string('k', length) + ": 1\n"));
            }
            case "huge":
                return Huge(text, random);
            case "whole-document":
            {
                string[] documents = ["", " ", "\n", "~", "null", "[]", "{}", "42", "'text'", "- a\n- b\n", "---\n---\n", text + "\n---\n" + text, "...", "#", "\uFEFF", "---", "--- |\n  text\n", "? [a]\n: b\n", "{[a]: b}"];
                var doc = documents[random.Next(documents.Length)];
                return (Escape(doc.Length > 40 ? doc[..40] + "..." : doc), Utf8(doc));
            }
            default:
                return TreeMutations.Apply(kind, text, random, sources);
        }
    }

    private static (string, byte[]) InsertBytes(byte[] utf8, Random random, string hex)
    {
        var insert = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var at = random.Next(utf8.Length + 1);
        return ($"{hex} at byte {at}", [.. utf8[..at], .. insert, .. utf8[at..]]);
    }

    private static (string, byte[]) Bom(string text, byte[] utf8, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return ("the whole file in UTF-16 LE with its mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
            case 1:
                return ("the whole file in UTF-16 BE without a mark", Encoding.BigEndianUnicode.GetBytes(text));
            default:
                var bom = Boms[random.Next(Boms.Length)];
                return ($"mark {bom} before UTF-8 text", [.. Convert.FromHexString(bom.Replace(" ", "", StringComparison.Ordinal)), .. utf8]);
        }
    }

    private static (string, byte[]) LineEdit(string kind, string text, Random random)
    {
        var lines = Lines(text);
        var i = random.Next(lines.Count);
        switch (kind)
        {
            case "delete-line":
                lines.RemoveAt(i);
                break;
            case "duplicate-line":
                lines.Insert(i, lines[i]);
                break;
            case "swap-lines":
                var j = random.Next(lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                return ($"lines {i + 1} and {j + 1}", Utf8(string.Join('\n', lines)));
            default:
                lines[i] = random.Next(2) == 0 ? new string(' ', random.Next(1, 4)) + lines[i] : lines[i].TrimStart();
                break;
        }
        return ($"line {i + 1}", Utf8(string.Join('\n', lines)));
    }

    private static (string, byte[]) AnchorAlias(string text, Random random)
    {
        var lines = Lines(text);
        var values = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains(": ", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('#')).ToList();
        if (values.Count == 0)
            return ("no value lines; merge key appended", Utf8(text + "\n<<: *nothing\n"));
        var anchored = values[random.Next(values.Count)];
        var aliased = values[random.Next(values.Count)];
        var colon = lines[anchored].IndexOf(": ", StringComparison.Ordinal) + 2;
        lines[anchored] = lines[anchored].Insert(colon, "&a ");
        var aliasColon = lines[aliased].IndexOf(": ", StringComparison.Ordinal) + 2;
        lines[aliased] = random.Next(3) == 0 ? lines[aliased][..aliasColon] + "*a" : lines[aliased][..(aliasColon - 2)] + (random.Next(2) == 0 ? ": *a" : ": *undefined");
        if (random.Next(4) == 0)
            lines.Insert(aliased + 1, new string(' ', lines[aliased].Length - lines[aliased].TrimStart().Length) + "<<: *a");
        return ($"&a on line {anchored + 1}, alias on line {aliased + 1}", Utf8(string.Join('\n', lines)));
    }

    private static (string, byte[]) ReplaceValue(string text, Random random, string value, string detail)
    {
        var lines = Lines(text);
        var values = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains(": ", StringComparison.Ordinal)).ToList();
        var i = values.Count == 0 ? lines.Count - 1 : values[random.Next(values.Count)];
        var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
        lines[i] = colon < 0 ? lines[i] + value : lines[i][..(colon + 2)] + value;
        return ($"{detail} on line {i + 1}", Utf8(string.Join('\n', lines)));
    }

    private static (string, byte[]) Huge(string text, Random random)
    {
        var limit = ScenarioLimits.MaxFileBytes;
        switch (random.Next(5))
        {
            case 0:
                return ("padded to the size limit", Utf8(Pad(text, limit)));
            case 1:
                return ("padded one byte past the size limit", Utf8(Pad(text, limit + 1)));
            case 2:
                return ("padded to 3 MiB", Utf8(Pad(text, 3 * limit)));
            case 3:
            {
                var items = ScenarioLimits.MaxNodes + random.Next(-50, 50);
                var list = new StringBuilder(text).Append("\nmany:\n");
                for (var i = 0; i < items; i++)
                    list.Append("  - 1\n");
                return (string.Create(CultureInfo.InvariantCulture, $"a list of {items} items"), Utf8(list.ToString()));
            }
            default:
            {
                var keys = new StringBuilder(text).Append("\nwide:\n");
                for (var i = 0; i < 5_000; i++)
                    keys.Append(CultureInfo.InvariantCulture, $"  k{i}: {{a: [1, 2]}}\n");
                return ("a map of 5,000 small maps", Utf8(keys.ToString()));
            }
        }
    }

    /// <summary><paramref name="text"/> with a comment that makes it exactly <paramref name="bytes"/> bytes.</summary>
    private static string Pad(string text, int bytes)
    {
        var body = text.EndsWith('\n') ? text + "#" : text + "\n#";
        var room = Math.Max(0, bytes - Encoding.UTF8.GetByteCount(body) - 1);
        return body + new string('x', room) + "\n";
    }

    private static int CharOffset(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        // Never between the halves of a surrogate pair: that would be invalid UTF-16, which no file on disk can be.
        return at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) ? at - 1 : at;
    }

    private static List<string> Lines(string text) => [.. text.Split('\n')];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    internal static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
            escaped.Append(c is < ' ' or > '~' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString());
        return escaped.ToString();
    }
}
