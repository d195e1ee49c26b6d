using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Conformance.Harness.Running;

namespace Conformance.Harness.Reports;

/// <summary>A JUnit XML report for CI: one testsuite per backend, one testcase per scenario.</summary>
public static class JUnitReport
{
    /// <summary>Writes the report to <paramref name="path"/> (UTF-8 without BOM, LF).</summary>
    public static void Write(string path, IReadOnlyList<RunResult> results)
    {
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        Build(results).Save(writer);
    }

    /// <summary>The report as an XML document.</summary>
    public static XDocument Build(IReadOnlyList<RunResult> results) =>
        new(new XElement("testsuites",
            new XAttribute("tests", results.Count),
            results.GroupBy(r => r.Backend).Select(Suite)));

    private static XElement Suite(IGrouping<string, RunResult> backend) =>
        new("testsuite",
            new XAttribute("name", backend.Key),
            new XAttribute("tests", backend.Count()),
            new XAttribute("failures", backend.Count(r => r.Verdict is Verdict.Fail or Verdict.Inconsistent or Verdict.UnexpectedPass or Verdict.NotImplemented)),
            new XAttribute("errors", backend.Count(r => r.Verdict is Verdict.Error or Verdict.Timeout)),
            new XAttribute("skipped", backend.Count(r => r.Verdict is Verdict.ExpectedFail or Verdict.ExpectedError or Verdict.ExpectedTimeout or Verdict.ExpectedNotImplemented)),
            new XAttribute("time", Seconds(backend.Aggregate(TimeSpan.Zero, (t, r) => t + r.Duration))),
            backend.Select(Case));

    private static XElement Case(RunResult r) =>
        new("testcase",
            new XAttribute("classname", r.Scenario),
            new XAttribute("name", r.Backend),
            new XAttribute("time", Seconds(r.Duration)),
            Outcome(r),
            r.Output.Count == 0 ? null : new XElement("system-out", Clean(string.Join("\n", r.Output) + "\n")));

    private static XElement? Outcome(RunResult r)
    {
        var failed = r.Invariants.Where(i => !i.Passed).Select(i => $"{i.Name} ({i.Kind}): {i.Detail}").ToList();
        return r.Verdict switch
        {
            Verdict.Pass => null,
            Verdict.Fail => new XElement("failure",
                new XAttribute("message", Clean(r.Message ?? $"{failed.Count} invariant(s) failed")),
                Clean(string.Join("\n", failed))),
            // Not listed as expected, these fail CI: a backend that regresses to not-implemented must not pass quietly.
            Verdict.Inconsistent or Verdict.UnexpectedPass or Verdict.NotImplemented => new XElement("failure",
                new XAttribute("type", r.Verdict.ToWire()),
                new XAttribute("message", Clean(r.Message ?? r.Verdict.ToWire()))),
            Verdict.Error or Verdict.Timeout => new XElement("error",
                new XAttribute("type", r.Verdict.ToWire()),
                new XAttribute("message", Clean(r.Message ?? r.Verdict.ToWire()))),
            Verdict.ExpectedFail or Verdict.ExpectedError or Verdict.ExpectedTimeout or Verdict.ExpectedNotImplemented =>
                new XElement("skipped", new XAttribute("message", Clean($"{r.Verdict.ToWire()}: {r.Message}"))),
            _ => throw new ArgumentOutOfRangeException(nameof(r), r.Verdict, null),
        };
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Program output may hold characters XML 1.0 cannot carry; they become U+FFFD instead of breaking the report.</summary>
    private static string Clean(string s) =>
        s.All(XmlConvert.IsXmlChar) ? s : string.Concat(s.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'));
}
