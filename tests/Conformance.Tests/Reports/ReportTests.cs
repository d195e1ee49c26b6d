using System.Text.Json;
using System.Xml.Linq;
using Conformance.Harness.Reports;
using Conformance.Harness.Running;

namespace Conformance.Tests.Reports;

public class ReportTests
{
    private static readonly RunResult[] Results =
    [
        new("tutorial/01-x", "cpython", Verdict.Pass, TimeSpan.FromSeconds(1.23456),
            [new InvariantOutcome("once", "count", true, "3 events, 2 processes")], ["hello", ""], null),
        new("tutorial/01-x", "csharp", Verdict.Fail, TimeSpan.FromSeconds(2),
            [new InvariantOutcome("once", "count", false, "no event matched {ev: 'print'}")], ["<bad \u0001 char>"], null),
        new("queue/get", "csharp", Verdict.NotImplemented, TimeSpan.Zero, [], [], "not implemented: Manager"),
        new("queue/get", "cpython", Verdict.Timeout, TimeSpan.FromSeconds(60), [], [], "killed after 60s"),
        new("queue/put", "csharp", Verdict.Error, TimeSpan.FromSeconds(0.5), [], [], "scenario error at /main/0: x"),
    ];

    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.{ext}");

    [Test]
    public void Json_report_follows_the_tooling_contract()
    {
        var path = Temp("json");
        JsonReport.Write(path, Results);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        File.Delete(path);
        var first = doc.RootElement.GetProperty("results")[0];
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "results", "summary" }));
            Assert.That(first.EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "scenario", "backend", "verdict", "duration_s", "invariants", "output", "message" }));
            Assert.That(first.GetProperty("verdict").GetString(), Is.EqualTo("pass"));
            Assert.That(first.GetProperty("duration_s").GetDouble(), Is.EqualTo(1.235));
            Assert.That(first.GetProperty("message").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(first.GetProperty("output").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(new[] { "hello", "" }));
            var invariant = first.GetProperty("invariants")[0];
            Assert.That(invariant.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "name", "kind", "outcome", "detail" }));
            Assert.That(invariant.GetProperty("outcome").GetString(), Is.EqualTo("pass"));
            Assert.That(doc.RootElement.GetProperty("results")[2].GetProperty("verdict").GetString(), Is.EqualTo("not-implemented"));
            var summary = doc.RootElement.GetProperty("summary");
            Assert.That(summary.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())), Is.EqualTo(new[]
            {
                ("total", 5), ("pass", 1), ("fail", 1), ("error", 1), ("timeout", 1), ("not_implemented", 1),
            }));
        });
    }

    [Test]
    public void JUnit_report_is_xml_with_a_suite_per_backend()
    {
        var path = Temp("xml");
        JUnitReport.Write(path, Results);
        var xml = XDocument.Load(path);
        File.Delete(path);
        var suites = xml.Root!.Elements("testsuite").ToList();
        Assert.That(suites.Select(s => (string?)s.Attribute("name")), Is.EqualTo(new[] { "cpython", "csharp" }));
        var csharp = suites[1];
        Assert.Multiple(() =>
        {
            Assert.That((int?)csharp.Attribute("tests"), Is.EqualTo(3));
            Assert.That((int?)csharp.Attribute("failures"), Is.EqualTo(1));
            Assert.That((int?)csharp.Attribute("errors"), Is.EqualTo(1));
            Assert.That((int?)csharp.Attribute("skipped"), Is.EqualTo(1));
            var failed = csharp.Elements("testcase").First();
            Assert.That((string?)failed.Attribute("classname"), Is.EqualTo("tutorial/01-x"));
            Assert.That((string?)failed.Attribute("name"), Is.EqualTo("csharp"));
            Assert.That((string?)failed.Attribute("time"), Is.EqualTo("2.000"));
            Assert.That(failed.Element("failure")!.Value, Does.Contain("once (count): no event matched"));
            Assert.That(failed.Element("system-out")!.Value, Is.EqualTo("<bad \uFFFD char>\n"));
            Assert.That((string?)csharp.Elements("testcase").ElementAt(1).Element("skipped")!.Attribute("message"), Is.EqualTo("not implemented: Manager"));
            Assert.That(suites[0].Elements("testcase").ElementAt(1).Element("error"), Is.Not.Null);
        });
    }

    [Test]
    public void Console_table_has_a_column_per_backend_and_a_totals_line()
    {
        Assert.That(ConsoleTable.Render(Results), Is.EqualTo(
            "scenario       cpython  csharp\n" +
            "tutorial/01-x  pass     FAIL\n" +
            "queue/get      TIMEOUT  not-impl\n" +
            "queue/put      -        ERROR\n" +
            "total: 5 runs: 1 pass, 1 FAIL, 1 ERROR, 1 TIMEOUT, 1 not-impl\n"));
        Assert.That(ConsoleTable.Render([]), Is.EqualTo("scenario\ntotal: 0 runs\n"));
    }
}
