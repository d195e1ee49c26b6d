using System.Text.Json;
using System.Xml.Linq;
using Conformance.Harness.Checks;
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
        new("pool/map", "csharp", Verdict.ExpectedNotImplemented, TimeSpan.Zero, [], [], "not implemented: Pool\n(expected: no Pool yet; listed at expected/expectations.yaml:2:5)"),
        new("queue/put", "cpython", Verdict.Inconsistent, TimeSpan.FromSeconds(3), [], [], "pass 2/3, fail 1/3")
        {
            Runs = [new(Verdict.Pass, TimeSpan.FromSeconds(1)), new(Verdict.Fail, TimeSpan.FromSeconds(1.5)), new(Verdict.Pass, TimeSpan.FromSeconds(0.5))],
            Slow = true,
        },
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
            Assert.That(doc.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "schema_version", "results", "summary" }));
            Assert.That(doc.RootElement.GetProperty("schema_version").GetInt32(), Is.EqualTo(2));
            Assert.That(first.EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "scenario", "backend", "verdict", "duration_s", "slow", "runs", "invariants", "output", "message" }));
            var repeated = doc.RootElement.GetProperty("results")[6];
            Assert.That(repeated.GetProperty("verdict").GetString(), Is.EqualTo("inconsistent"));
            Assert.That(repeated.GetProperty("slow").GetBoolean(), Is.True);
            Assert.That(repeated.GetProperty("runs").EnumerateArray().Select(r => (r.GetProperty("verdict").GetString(), r.GetProperty("duration_s").GetDouble())),
                Is.EqualTo(new[] { ("pass", 1.0), ("fail", 1.5), ("pass", 0.5) }));
            Assert.That(doc.RootElement.GetProperty("results")[5].GetProperty("verdict").GetString(), Is.EqualTo("expected-not-implemented"));
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
                ("total", 7), ("pass", 1), ("fail", 1), ("error", 1), ("timeout", 1), ("not_implemented", 1), ("inconsistent", 1),
                ("expected_fail", 0), ("expected_error", 0), ("expected_timeout", 0), ("expected_not_implemented", 1), ("unexpected_pass", 0),
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
            Assert.That((int?)csharp.Attribute("tests"), Is.EqualTo(4));
            Assert.That((int?)csharp.Attribute("failures"), Is.EqualTo(2), "an unlisted not-implemented is a failure");
            Assert.That((int?)csharp.Attribute("errors"), Is.EqualTo(1));
            Assert.That((int?)csharp.Attribute("skipped"), Is.EqualTo(1), "a listed expected-* is skipped");
            var failed = csharp.Elements("testcase").First();
            Assert.That((string?)failed.Attribute("classname"), Is.EqualTo("tutorial/01-x"));
            Assert.That((string?)failed.Attribute("name"), Is.EqualTo("csharp"));
            Assert.That((string?)failed.Attribute("time"), Is.EqualTo("2.000"));
            Assert.That(failed.Element("failure")!.Value, Does.Contain("once (count): no event matched"));
            Assert.That(failed.Element("system-out")!.Value, Is.EqualTo("<bad \uFFFD char>\n"));
            Assert.That((string?)csharp.Elements("testcase").ElementAt(1).Element("failure")!.Attribute("type"), Is.EqualTo("not-implemented"));
            Assert.That((string?)csharp.Elements("testcase").ElementAt(3).Element("skipped")!.Attribute("message"), Does.StartWith("expected-not-implemented: not implemented: Pool"));
            Assert.That((string?)suites[0].Elements("testcase").ElementAt(2).Element("failure")!.Attribute("type"), Is.EqualTo("inconsistent"));
            Assert.That(suites[0].Elements("testcase").ElementAt(1).Element("error"), Is.Not.Null);
        });
    }

    [Test]
    public void Console_table_has_a_column_per_backend_and_a_totals_line()
    {
        Assert.That(ConsoleTable.Render(Results), Is.EqualTo(
            "scenario       cpython       csharp\n" +
            "tutorial/01-x  pass          FAIL\n" +
            "queue/get      TIMEOUT       NOT-IMPL\n" +
            "queue/put      INCONSISTENT  ERROR\n" +
            "pool/map       -             expected-not-implemented\n" +
            "total: 7 results: 1 pass, 1 FAIL, 1 ERROR, 1 TIMEOUT, 1 NOT-IMPL, 1 INCONSISTENT, 1 expected-not-implemented\n"));
        Assert.That(ConsoleTable.Render([]), Is.EqualTo("scenario\ntotal: 0 results\n"));
    }
}
