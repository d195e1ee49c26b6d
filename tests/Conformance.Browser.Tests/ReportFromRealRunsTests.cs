using Conformance.Harness.Backends;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>
/// <c>run --html</c>'s page from real runs on both backends, opened in chromium: a scenario made to fail an ordering
/// invariant on purpose (in a temporary copy of the suite), and a scenario whose description, print and process name
/// are hostile markup.
/// </summary>
[Category("Browser")]
[NonParallelizable] // Scenarios time real processes.
public sealed class ReportFromRealRunsTests
{
    private const string Ordering = "tutorial/01-queue-user-object";
    private const string Hostile = "hostile/markup-in-text";
    private const string Invariant = "put-before-get";

    private static readonly string[] HostileYaml =
    [
        "description: \"Hostile <script>window.__pwned = 'description'</script> & <img src=x onerror=\\\"window.__pwned='img'\\\">\"",
        "features: [Process]",
        "functions:",
        "  child:",
        "    params: []",
        "    steps:",
        "      - print: [\"</script><script>window.__pwned = 'print'</script><b id=bold>bold</b>\"]",
        "main:",
        "  - set: p",
        "    to: {new: Process, kwargs: {target: $child, name: \"<img src=x onerror=\\\"window.__pwned='proc'\\\">\"}}",
        "  - call: p.start",
        "  - call: p.join",
        "  - print: [done]",
    ];

    private string _root = "";
    private string _report = "";
    private List<RunResult> _results = [];

    [OneTimeSetUp]
    public async Task RunTheScenariosAsync()
    {
        _root = Directory.CreateTempSubdirectory("conformance-browser-").FullName;
        var suite = SuitePaths.Locate();
        var paths = new SuitePaths(_root);
        Directory.CreateDirectory(Path.Combine(paths.Scenarios, "tutorial"));
        Directory.CreateDirectory(Path.Combine(paths.Scenarios, "hostile"));
        Directory.CreateDirectory(Path.Combine(paths.Expected, "tutorial"));

        // The tutorial's "put before get", turned around: the child's get returns after main's put, so it fails on both.
        var original = File.ReadAllText(Path.Combine(suite.Scenarios, Ordering + ".yaml"));
        const string first = "first: {process: main, ev: call, obj: queue, op: put}";
        const string then = "then: {process: Process-1, ev: return, obj: queue, op: get}";
        Assert.That(original, Does.Contain(first).And.Contain(then), "the tutorial scenario's invariant changed; update this test");
        File.WriteAllText(Path.Combine(paths.Scenarios, Ordering + ".yaml"),
            original.Replace(first, "FIRST", StringComparison.Ordinal).Replace(then, "first: {process: Process-1, ev: return, obj: queue, op: get}", StringComparison.Ordinal)
                .Replace("FIRST", "then: {process: main, ev: call, obj: queue, op: put}", StringComparison.Ordinal));
        File.Copy(Path.Combine(suite.Expected, Ordering + ".verified.txt"), Path.Combine(paths.Expected, "tutorial", "01-queue-user-object.verified.txt"), overwrite: true);
        File.WriteAllLines(Path.Combine(paths.Scenarios, Hostile + ".yaml"), HostileYaml);

        var runner = new RepeatedRunner(new ScenarioRunner(paths, new RunSettings { KeepDetails = true }), Expectations.None);
        var descriptions = new Dictionary<string, string>();
        foreach (var id in new[] { Ordering, Hostile })
        {
            var scenario = ScenarioLoader.Load(paths.Scenarios, Path.Combine(paths.Scenarios, id + ".yaml"));
            descriptions[id] = scenario.Document["description"]!.GetValue<string>();
            foreach (IBackend backend in new IBackend[] { new CPythonBackend(), new CSharpBackend() })
                _results.Add(await runner.RunAsync(scenario, backend, 1));
        }
        _report = Path.Combine(_root, "report.html");
        HtmlReport.Write(_report, _results, descriptions);
    }

    [OneTimeTearDown]
    public void RemoveTheCopy()
    {
        if (_root.Length > 0)
            Directory.Delete(_root, recursive: true);
        // These runs fail on purpose: the folders the harness keeps for a failed run are this test's to remove.
        foreach (var r in _results)
        {
            var kept = System.Text.RegularExpressions.Regex.Match(r.Message ?? "", @"\(run files kept in (?<folder>/\S+)\)");
            if (kept.Success && kept.Groups["folder"].Value.StartsWith(ScenarioRunner.WorkRoot, StringComparison.Ordinal) && Directory.Exists(kept.Groups["folder"].Value))
                Directory.Delete(kept.Groups["folder"].Value, recursive: true);
        }
    }

    [Test]
    public async Task The_matrix_has_a_row_per_scenario_and_a_coloured_cell_per_backend()
    {
        var page = await OpenAsync();

        var backends = await page.Locator("#matrix thead th[data-backend]").AllTextContentsAsync();
        Assert.That(backends, Is.EqualTo(_results.Select(r => r.Backend).Distinct().ToList()));
        foreach (var r in _results)
        {
            var cell = page.Locator($"#matrix tr[data-scenario=\"{r.Scenario}\"] td[data-backend=\"{r.Backend}\"]");
            Assert.That(await cell.GetAttributeAsync("data-verdict"), Is.EqualTo(r.Verdict.ToWire()), $"{r.Scenario} on {r.Backend}");
            Assert.That(await cell.EvaluateAsync<string>("c => getComputedStyle(c).backgroundColor"), Is.Not.EqualTo("rgba(0, 0, 0, 0)"), "the verdict has a colour");
        }
    }

    [Test]
    public async Task A_failing_ordering_invariant_is_drawn_with_its_events_highlighted_in_one_lane_per_process()
    {
        var page = await OpenAsync();
        var section = page.Locator($"details.scenario[data-scenario=\"{Ordering}\"]");
        Assert.That(await section.GetAttributeAsync("open"), Is.Not.Null, "a failing scenario is open from the start");

        foreach (var r in _results.Where(r => r.Scenario == Ordering))
        {
            Assert.That(r.Verdict, Is.EqualTo(Verdict.Fail), r.Message);
            var named = r.Invariants.Single(i => i.Name == Invariant);
            Assert.That(named.Passed, Is.False);
            Assert.That(named.Events, Is.Not.Empty, "the invariant names its events");

            var group = section.Locator($"g.backend[data-backend=\"{r.Backend}\"]");
            var pids = r.Details!.Events.Where(e => e.Ev != "meta").Select(e => e.Pid).Distinct().ToList();
            var lanes = group.Locator("g.lane");
            Assert.That(await lanes.CountAsync(), Is.EqualTo(pids.Count), $"one lane per process on {r.Backend}");
            for (var i = 0; i < pids.Count; i++)
                Assert.That(await lanes.Nth(i).GetAttributeAsync("data-pid"), Is.EqualTo(pids[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));

            var highlighted = group.Locator($".hl[data-invariant=\"{Invariant}\"]");
            Assert.That(await highlighted.CountAsync(), Is.GreaterThan(0), $"highlighted events on {r.Backend}");
            var drawn = new HashSet<int>();
            foreach (var element in await highlighted.AllAsync())
            {
                drawn.Add(int.Parse((await element.GetAttributeAsync("data-i"))!, System.Globalization.CultureInfo.InvariantCulture));
                if (await element.GetAttributeAsync("data-j") is { } j)
                    drawn.Add(int.Parse(j, System.Globalization.CultureInfo.InvariantCulture));
            }
            Assert.That(named.Events, Is.SubsetOf(drawn), $"every event the invariant names is highlighted on {r.Backend}");
            Assert.That(await highlighted.First.EvaluateAsync<string>("e => getComputedStyle(e).stroke"), Is.EqualTo("rgb(224, 49, 49)"));
            // Begin and end of the child are drawn as marks.
            Assert.That(await group.Locator(".ev-begin").CountAsync(), Is.GreaterThan(0));
            Assert.That(await group.Locator(".ev-end").CountAsync(), Is.GreaterThan(0));
        }
        Assert.That(await section.Locator("li.failed-invariant").First.TextContentAsync(), Does.Contain(Invariant));
        await BrowserSession.ScreenshotAsync(section, "ordering-invariant-timeline");
    }

    [Test]
    public async Task Hostile_text_in_a_description_a_print_and_a_process_name_is_shown_as_text_and_never_runs()
    {
        var page = await OpenAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await page.EvaluateAsync<string>("() => typeof window.__pwned"), Is.EqualTo("undefined"), "no script of the scenario ran");
            Assert.That(await page.Locator("img").CountAsync(), Is.EqualTo(0), "no element came from the scenario's text");
            Assert.That(await page.Locator("#bold").CountAsync(), Is.EqualTo(0));
            Assert.That(await page.Locator("script").CountAsync(), Is.EqualTo(2), "the data did not end its script element");
            var section = page.Locator($"details.scenario[data-scenario=\"{Hostile}\"]");
            Assert.That(await section.Locator(".description").TextContentAsync(), Does.Contain("<script>window.__pwned = 'description'</script>"));
            var labels = string.Join("\n", await section.Locator("g.lane text").AllTextContentsAsync());
            Assert.That(labels, Does.Contain("<img src=x onerror=\"window.__pwned='proc'\">"), "the process name is a lane label, as text");
            var tips = string.Join("\n", await section.Locator(".ev-print title").AllTextContentsAsync());
            Assert.That(tips, Does.Contain("</script><script>window.__pwned = 'print'</script>"));
            Assert.That(await section.Locator(".diff pre").First.TextContentAsync(), Does.Contain("<b id=bold>bold</b>"), "the snapshot diff shows the print as text");
        });
        await BrowserSession.ScreenshotAsync(page.Locator($"details.scenario[data-scenario=\"{Hostile}\"]"), "hostile-text");
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await BrowserSession.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(_report).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        Assert.That(errors, Is.Empty, "the page's script raised");
        return page;
    }
}
