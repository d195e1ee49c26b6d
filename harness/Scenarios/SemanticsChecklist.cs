using System.Text;
using System.Text.RegularExpressions;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// The items of the CPython semantics checklist, read from <c>docs/reference/cpython-semantics.md</c> (a copy of
/// <c>../shared/reference/cpython-semantics.md</c>, kept in the repository so CI has it; a test reports drift): the
/// ids a scenario's <c>covers:</c> may name, with their tags and sections, for <c>run --coverage</c> and the reports.
/// </summary>
public sealed partial class SemanticsChecklist
{
    /// <summary>The checklist's path below the repository root.</summary>
    public const string Where = "docs/reference/cpython-semantics.md";

    /// <summary>Parsed checklists by full path (a suite loads it once per scenario).</summary>
    private static readonly ParsedFileCache<SemanticsChecklist> Cache = new();

    private readonly Dictionary<string, ChecklistItem> _byId;

    private SemanticsChecklist(IReadOnlyList<ChecklistItem> items)
    {
        Items = items;
        _byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    /// <summary>Every item, in the checklist's order.</summary>
    public IReadOnlyList<ChecklistItem> Items { get; }

    /// <summary>The sections that hold items, in order, e.g. <c>General rules</c>, <c>1. Process</c>, <c>2. Queue</c>.</summary>
    public IReadOnlyList<string> Sections => [.. Items.Select(i => i.Section).Distinct(StringComparer.Ordinal)];

    /// <summary>The item <paramref name="id"/>, or null.</summary>
    public ChecklistItem? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>True when <paramref name="id"/> is an item's id.</summary>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Why <paramref name="id"/> is refused, with a did-you-mean when an id is close (case is a typo too).</summary>
    public string Unknown(string id)
    {
        var suggestion = _byId.Keys.FirstOrDefault(n => string.Equals(n, id, StringComparison.OrdinalIgnoreCase))
            ?? Names.Suggest(id, Items.Select(i => i.Id));
        return $"unknown checklist item '{id}'; items are listed in {Where}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
    }

    /// <summary>The checklist file of the repository whose scenarios folder is <paramref name="scenariosRoot"/>.</summary>
    public static string PathFor(string scenariosRoot) =>
        Path.GetFullPath(Path.Combine(scenariosRoot.Length == 0 ? "." : scenariosRoot, "..", Where));

    /// <summary>
    /// The checklist of the suite whose scenarios folder is <paramref name="scenariosRoot"/> (read from
    /// <c>../docs/reference/cpython-semantics.md</c>), or null when there is none (a throw-away suite, inline YAML in
    /// tests): then <c>covers:</c> ids are not checked. The repository's own copy is required by a test.
    /// </summary>
    /// <exception cref="ScenarioValidationException">The file cannot be read, or two items share an id.</exception>
    public static SemanticsChecklist? Of(string scenariosRoot) =>
        Cache.Get(PathFor(scenariosRoot), file => Parse(file, InputFile.Read(file, "; the checklist is a Markdown file of a few hundred items")));

    /// <summary>Parses the checklist's Markdown; <paramref name="file"/> names it in diagnostics.</summary>
    /// <remarks>
    /// An item is a bullet that starts with an id (<c>* P-L1 ...</c>, <c>* Q-12 [D,V] ...</c>, indented or not) or a
    /// heading that names one in parentheses (<c>### 1e. Traceback text ... (P-TB) [D,V]</c>). Its own tags follow the
    /// id in brackets; a heading's tags (<c>[D,V]</c>, <c>(all [D,V])</c>) apply to the items below it that have none.
    /// </remarks>
    /// <exception cref="ScenarioValidationException">Two items share an id.</exception>
    public static SemanticsChecklist Parse(string file, string text)
    {
        var problems = new List<ScenarioDiagnostic>();
        var items = new List<ChecklistItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var section = "General rules";
        var sectionNumber = 0;
        string[] sectionTags = [];
        string[] subsectionTags = [];
        var inFence = false;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence)
                continue;
            if (SectionHeading().Match(line) is { Success: true } h2)
            {
                sectionNumber = int.Parse(h2.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
                section = $"{sectionNumber}. {Title(h2.Groups["title"].Value)}";
                sectionTags = HeadingTags(line);
                subsectionTags = [];
                continue;
            }
            if (line.StartsWith("###", StringComparison.Ordinal))
            {
                subsectionTags = HeadingTags(line);
                if (HeadingItem().Match(line) is { Success: true } hi)
                {
                    var tags = Tags(hi.Groups["tags"].Value);
                    var summary = Sentence(HeadingItemText().Replace(line.TrimStart('#').Trim(), ""));
                    Add(hi.Groups["id"].Value, tags, tags.Length == 0 ? [.. subsectionTags, .. sectionTags] : tags, summary, i);
                }
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                // A numbered-less level-2 heading ends the section's tags but not the section.
                sectionTags = HeadingTags(line);
                subsectionTags = [];
                continue;
            }
            if (BulletItem().Match(line) is { Success: true } b)
            {
                var tags = Tags(b.Groups["tags"].Value);
                var indent = line.Length - line.TrimStart().Length;
                var body = new StringBuilder(b.Groups["text"].Value.Trim());
                // Continuation lines are indented deeper and are not bullets of their own.
                for (var j = i + 1; j < lines.Length; j++)
                {
                    var next = lines[j];
                    var nextIndent = next.Length - next.TrimStart().Length;
                    if (next.Trim().Length == 0 || nextIndent <= indent || next.TrimStart().StartsWith('*') || next.TrimStart().StartsWith("```", StringComparison.Ordinal) || next.TrimStart().StartsWith("1.", StringComparison.Ordinal))
                        break;
                    body.Append(' ').Append(next.Trim());
                }
                var heading = subsectionTags.Length > 0 ? subsectionTags : sectionTags;
                Add(b.Groups["id"].Value, tags, tags.Length == 0 ? heading : tags, Sentence(body.ToString()), i);
            }
        }
        if (problems.Count > 0)
            throw new ScenarioValidationException(problems);
        return new SemanticsChecklist(items);

        void Add(string id, string[] own, string[] effective, string summary, int index)
        {
            if (seen.TryGetValue(id, out var first))
            {
                problems.Add(new ScenarioDiagnostic(file, index + 1, 1, $"checklist item '{id}' is listed twice (first at line {first}); give each item its own id"));
                return;
            }
            seen[id] = index + 1;
            items.Add(new ChecklistItem(id, own, effective.Contains("D", StringComparer.Ordinal), section, sectionNumber, summary, index + 1));
        }
    }

    /// <summary>The letters of a tag list such as <c>D,V</c> or <c>V, 3.11.7 only</c> (notes that are not a tag letter are left out).</summary>
    private static string[] Tags(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(t => t is "D" or "T" or "V" or "S" or "P")];

    /// <summary>The tags a heading gives the items below it: its <c>[D,V]</c> or <c>(all [D,V])</c>.</summary>
    private static string[] HeadingTags(string heading) =>
        HeadingTagList().Match(heading) is { Success: true } m ? Tags(m.Groups["tags"].Value) : [];

    /// <summary>A section's title without its parenthesised remarks: <c>Queue (`multiprocessing.Queue(maxsize=0)`)</c> gives <c>Queue</c>.</summary>
    private static string Title(string title)
    {
        var paren = title.IndexOf('(', StringComparison.Ordinal);
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        var cut = new[] { paren, colon }.Where(x => x > 0).DefaultIfEmpty(title.Length).Min();
        return title[..cut].Trim().Replace("`", "", StringComparison.Ordinal);
    }

    /// <summary>The first sentence of an item's text (up to a full stop outside code spans, or a colon that ends a line), without Markdown emphasis.</summary>
    private static string Sentence(string text)
    {
        var inCode = false;
        var end = text.Length;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (c == '`')
                inCode = !inCode;
            else if (!inCode && (c == '.' || c == ':') && (k + 1 == text.Length || text[k + 1] == ' ') && !Abbreviation(text, k))
            {
                end = k + 1;
                break;
            }
        }
        var sentence = Unemphasised(text[..end]).Trim();
        if (sentence.EndsWith(':'))
            sentence = sentence[..^1] + ".";
        return sentence.Length <= 200 ? sentence : sentence[..199] + "…";
    }

    /// <summary>The text without Markdown's <c>**</c> emphasis outside code spans (<c>`**kwargs`</c> stays).</summary>
    private static string Unemphasised(string text)
    {
        var result = new StringBuilder(text.Length);
        var inCode = false;
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] == '`')
                inCode = !inCode;
            else if (!inCode && text[k] == '*' && k + 1 < text.Length && text[k + 1] == '*')
            {
                k++;
                continue;
            }
            result.Append(text[k]);
        }
        return result.ToString();
    }

    /// <summary>True when the full stop at <paramref name="k"/> ends "e.g." or "i.e.", not a sentence.</summary>
    private static bool Abbreviation(string text, int k) =>
        text[..(k + 1)].EndsWith("e.g.", StringComparison.Ordinal) || text[..(k + 1)].EndsWith("i.e.", StringComparison.Ordinal);

    [GeneratedRegex(@"^##\s+(?<number>[0-9]+)\.\s+(?<title>.*)$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"\((?<id>[A-Z]+(?:-[A-Z]*[0-9]*[a-z]?)?)\)\s*(?:\[(?<tags>[^\]]*)\])?\s*$")]
    private static partial Regex HeadingItem();

    [GeneratedRegex(@"^[0-9]+[a-z]?\.\s+|\s*\((?<id>[A-Z]+(?:-[A-Z]*[0-9]*[a-z]?)?)\)\s*(?:\[[^\]]*\])?\s*$")]
    private static partial Regex HeadingItemText();

    [GeneratedRegex(@"\[(?<tags>[A-Z](?:\s*,\s*[A-Z])*)\]")]
    private static partial Regex HeadingTagList();

    // An id: capitals, then digits (G1), or a dash and capitals and/or digits with an optional letter (P-L13, PL-2b, P-TB).
    [GeneratedRegex(@"^\s*\*\s+(?<id>[A-Z]+(?:[0-9]+|-[A-Z]*[0-9]+[a-z]?|-[A-Z]{2,}))(?=\s|$)\s*(?:\[(?<tags>[^\]]*)\])?(?<text>.*)$")]
    private static partial Regex BulletItem();
}
