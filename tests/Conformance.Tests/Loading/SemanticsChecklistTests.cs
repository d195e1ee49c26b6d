using Conformance.Harness.Scenarios;
using Conformance.Tests.Running;

namespace Conformance.Tests.Loading;

/// <summary>
/// <c>docs/reference/cpython-semantics.md</c>: the checklist's items as the harness reads them (ids, tags, sections,
/// deterministic or not), the copy kept in step with the shared one, and <c>covers:</c> held to its ids.
/// </summary>
public sealed class SemanticsChecklistTests
{
    private static SemanticsChecklist Repository() =>
        SemanticsChecklist.Of(Path.Combine(RepositoryRoot.Find(), "scenarios"))
        ?? throw new AssertionException($"{SemanticsChecklist.Where} is missing: without it covers: ids are not checked");

    [Test]
    public void The_repository_copy_is_the_shared_checklist()
    {
        var root = RepositoryRoot.Find();
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "reference", "cpython-semantics.md"));
        if (!File.Exists(shared))
            Assert.Ignore($"{shared} is not here (CI has no ../shared); the repository copy is the source");
        Assert.That(File.ReadAllText(Path.Combine(root, SemanticsChecklist.Where)), Is.EqualTo(File.ReadAllText(shared)),
            $"{SemanticsChecklist.Where} differs from {shared}; copy the shared checklist over it (cp {shared} {SemanticsChecklist.Where}) and fix the covers: lines it affects");
    }

    [Test]
    public void Items_are_counted_per_section()
    {
        var counts = Repository().Items.GroupBy(i => i.Section).ToDictionary(g => g.Key, g => (All: g.Count(), Deterministic: g.Count(i => i.Deterministic)));
        Assert.That(counts, Is.EqualTo(new Dictionary<string, (int, int)>
        {
            ["General rules"] = (4, 4),
            ["1. Process"] = (44, 38),
            ["2. Queue"] = (19, 16),
            ["3. JoinableQueue"] = (5, 5),
            ["4. Event"] = (4, 3),
            ["5. Lock"] = (8, 7),
            ["6. RLock"] = (5, 5),
            ["7. Condition"] = (6, 6),
            ["8. Semaphore / BoundedSemaphore"] = (7, 6),
            ["9. Barrier"] = (1, 1),
            ["10. Manager"] = (20, 18),
            ["11. Pool"] = (26, 25),
            ["12. cpu_count"] = (2, 2),
            ["13. Start methods and contexts"] = (8, 7),
            ["14. set_executable"] = (3, 2),
        }));
    }

    [TestCase("Q-12", "D,V", true, "2. Queue")]
    [TestCase("P-L1", "", true, "1. Process")]       // no tags of its own: the heading's (all [D,V])
    [TestCase("P-L4", "S", false, "1. Process")]     // its own [S] overrides the heading's [D,V]
    [TestCase("P-L8", "T", false, "1. Process")]
    [TestCase("P-L13", "V", false, "1. Process")]    // [V, 3.11.7 only]: the note is not a tag
    [TestCase("P-TB", "D,V", true, "1. Process")]    // a heading item: ### 1e. Traceback text ... (P-TB) [D,V]
    [TestCase("P-X9", "S,P", false, "1. Process")]
    [TestCase("SQ-1", "D,V", true, "2. Queue")]
    [TestCase("Q-8", "T,V", false, "2. Queue")]
    [TestCase("L-8", "S,P", false, "5. Lock")]
    [TestCase("C-5", "D,S", true, "7. Condition")]
    [TestCase("PL-2b", "D,V", true, "11. Pool")]
    [TestCase("M-5", "D,V,P", true, "10. Manager")]
    [TestCase("G3", "D,V", true, "General rules")]
    public void An_item_has_its_tags_section_and_determinism(string id, string tags, bool deterministic, string section)
    {
        var item = Repository().Find(id);
        Assert.That(item, Is.Not.Null, $"{id} was not read from the checklist");
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", item!.Tags), Is.EqualTo(tags));
            Assert.That(item.Deterministic, Is.EqualTo(deterministic));
            Assert.That(item.Section, Is.EqualTo(section));
        });
    }

    [Test]
    public void An_item_summary_is_its_first_sentence()
    {
        var list = Repository();
        Assert.Multiple(() =>
        {
            Assert.That(list.Find("Q-4")!.Summary, Is.EqualTo("Serialisation happens later, in the feeder thread."));
            Assert.That(list.Find("P-TB")!.Summary, Is.EqualTo("Traceback text when the target raises"));
            Assert.That(list.Find("JQ-2")!.Summary, Does.StartWith("`task_done()` when the counter is 0 raises"));
            Assert.That(list.Find("P-N2")!.Summary, Is.EqualTo("Each process keeps one counter, starting at 1."));
            Assert.That(list.Find("P-C4")!.Summary, Does.Contain("`target(*args, **kwargs)`"), "** inside a code span is not emphasis");
            Assert.That(list.Find("L-1")!.Summary, Is.EqualTo("The signature is `acquire(block=True, timeout=None)`."));
            Assert.That(list.Find("P-L6")!.Summary, Is.EqualTo("`join(timeout=None)` always returns None."), "emphasis is dropped");
        });
    }

    [Test]
    public void Nested_bullets_fenced_code_and_headings_without_ids_are_not_items()
    {
        var list = SemanticsChecklist.Parse("c.md", """
            Intro
            * G1 [D,V] A rule. More.
            ## 1. Thing (`x`)
            ### 1a. Part (all [D,V])
            * T-1 Untagged, so the heading's tags.
              * T-2 nested, still an item (indented).
              * Not an item: a plain sub-bullet.
            ```
            * T-9 [D] inside a fence
            ```
            ### 1b. Other
            * T-3 Untagged under an untagged heading.
            ### 1c. Heading item (T-H) [T]
            ## 2. Next
            * U-1 [S,P] Platform.
            """);
        Assert.That(list.Items.Select(i => $"{i.Id}|{i.TagText}|{i.Deterministic}|{i.Section}"), Is.EqualTo(new[]
        {
            "G1|[D,V]|True|General rules",
            "T-1||True|1. Thing",
            "T-2||True|1. Thing",
            "T-3||False|1. Thing",
            "T-H|[T]|False|1. Thing",
            "U-1|[S,P]|False|2. Next",
        }));
    }

    [Test]
    public void A_duplicated_id_is_a_located_error()
    {
        var e = Assert.Throws<ScenarioValidationException>(() => SemanticsChecklist.Parse("c.md", "* A-1 [D] x\n* A-1 [D] y\n"))!;
        Assert.That(e.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[] { "c.md:2:1: checklist item 'A-1' is listed twice (first at line 1); give each item its own id" }));
    }

    [Test]
    public void Covers_names_checklist_items_each_once_with_a_did_you_mean()
    {
        using var suite = WithChecklist();
        suite.Write("queue/x", """
            description: Main prints.
            features: [Queue]
            covers: [Q-12, Q-99, q-12, Q-12, 5]
            main:
              - print: "x"
            """);
        var errors = Assert.Throws<ScenarioValidationException>(() => suite.Load("queue/x"))!.Diagnostics.Select(d => d.ToString()).ToList();
        var file = Path.Combine(suite.Paths.Scenarios, "queue", "x.yaml");
        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:3:16: unknown checklist item 'Q-99'; items are listed in {SemanticsChecklist.Where}; did you mean 'Q-9'?",
            $"{file}:3:22: unknown checklist item 'q-12'; items are listed in {SemanticsChecklist.Where}; did you mean 'Q-12'?",
            $"{file}:3:28: checklist item 'Q-12' is listed twice in covers (first as item 1); list it once",
            $"{file}:3:34: expected a checklist item id such as Q-12, found a number",
        }));
    }

    [Test]
    public void Covers_must_be_a_list()
    {
        using var suite = WithChecklist();
        suite.Write("queue/x", "description: Main prints.\nfeatures: [Queue]\ncovers: Q-12\nmain:\n  - print: \"x\"\n");
        var errors = Assert.Throws<ScenarioValidationException>(() => suite.Load("queue/x"))!.Diagnostics.Select(d => d.Message);
        Assert.That(errors, Has.Some.Contains("a list of checklist item ids"));
    }

    [Test]
    public void Listed_covers_validate_and_are_read_back()
    {
        using var suite = WithChecklist();
        suite.Write("queue/x", "description: Main prints.\nfeatures: [Queue]\ncovers: [Q-12, SQ-1]\nmain:\n  - print: \"x\"\n");
        Assert.That(suite.Load("queue/x").Covers, Is.EqualTo(new[] { "Q-12", "SQ-1" }));
    }

    [Test]
    public void The_repository_scenarios_cover_only_checklist_items_and_the_uncoverable_list_is_valid()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "scenarios");
        var checklist = Repository();
        var scenarios = ScenarioLoader.Discover(root).Select(f => ScenarioLoader.Load(root, f)).ToList();
        var list = UncoverableList.Of(root, checklist);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(root, UncoverableList.FileName)), Is.True, $"{UncoverableList.Where} is missing");
            Assert.That(list.Conflicts(scenarios).Select(d => d.ToString()), Is.Empty);
            Assert.That(list.ReasonFor("P-X9"), Does.Contain("Windows"));
        });
    }

    [Test]
    public void An_uncoverable_line_names_a_known_item_once_with_a_reason()
    {
        var checklist = Repository();
        var e = Assert.Throws<ScenarioValidationException>(() => UncoverableList.Parse("u.txt", "# c\nP-X9  Windows only\nQ-99  nope\nL-8\nP-X9  again\n", checklist))!;
        Assert.That(e.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            $"u.txt:3:1: unknown checklist item 'Q-99'; items are listed in {SemanticsChecklist.Where}; did you mean 'Q-9'?",
            "u.txt:4:1: item 'L-8' has no reason; write 'ID  why no scenario can pin it here', e.g. 'P-L13  needs python -O; the suite runs CPython without -O'",
            "u.txt:5:1: item 'P-X9' is listed twice (first at line 2); list it once",
        }));
    }

    [Test]
    public void An_uncoverable_item_that_a_scenario_covers_is_an_error_naming_both()
    {
        using var suite = WithChecklist();
        var file = suite.Write("queue/x", "description: Main prints.\nfeatures: [Queue]\ncovers: [Q-12]\nmain:\n  - print: \"x\"\n");
        var list = UncoverableList.Parse("scenarios/uncoverable.txt", "\nQ-12  claimed uncoverable\n", SemanticsChecklist.Of(suite.Paths.Scenarios)!);
        Assert.That(list.Conflicts([suite.Load("queue/x")]).Select(d => d.ToString()), Is.EqualTo(new[]
        {
            $"scenarios/uncoverable.txt:2:1: item 'Q-12' is listed as uncoverable, but scenario queue/x covers it ({file}:3:10); remove the line here or the id from that scenario's covers",
        }));
    }

    /// <summary>A throw-away suite with the repository's checklist at <c>docs/reference/</c>.</summary>
    internal static TempSuite WithChecklist()
    {
        var suite = new TempSuite();
        var target = Path.Combine(suite.Root, SemanticsChecklist.Where);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(RepositoryRoot.Find(), SemanticsChecklist.Where), target);
        return suite;
    }
}
