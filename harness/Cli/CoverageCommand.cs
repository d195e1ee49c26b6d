using Conformance.Harness.Reports;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Cli;

/// <summary><c>coverage</c>: the checklist items every scenario of the suite covers, the gaps and the uncoverable items, without running anything.</summary>
internal static class CoverageCommand
{
    public static int Execute(CommandLine line)
    {
        line.RejectUnknown("root", "section", "uncovered");
        line.RejectPositional();
        var paths = line.Suite();
        if (SemanticsChecklist.Of(paths.Scenarios) is not { } checklist)
            throw new UsageException($"{paths.Root} has no {SemanticsChecklist.Where}; coverage lists the items of that checklist");
        var (scenarios, invalid) = ValidateCommand.LoadAll(paths, ScenarioLoader.Discover(paths.Scenarios));
        if (invalid > 0 || !ValidateCommand.CheckCoverageLists(paths, scenarios))
        {
            Console.Error.WriteLine("the suite is invalid (see above); run 'validate' and fix it first");
            return 2;
        }
        var coverage = Coverage.Build(checklist, UncoverableList.Of(paths.Scenarios, checklist), scenarios);
        if (line.Get("section") is { } section)
        {
            var chosen = Section(checklist, section);
            coverage = coverage.Where(e => e.Item.Section == chosen);
        }
        Console.Write(CoverageText.Render(coverage, gapsOnly: line.Has("uncovered")));
        return 0;
    }

    /// <summary>The section <c>--section</c> names: its number (<c>2</c>) or its title, case ignored (<c>queue</c>, <c>2. Queue</c>).</summary>
    private static string Section(SemanticsChecklist checklist, string wanted)
    {
        var sections = checklist.Sections;
        var match = sections.FirstOrDefault(s => string.Equals(s, wanted, StringComparison.OrdinalIgnoreCase))
            ?? sections.FirstOrDefault(s => s.StartsWith(wanted + ".", StringComparison.Ordinal))
            ?? sections.FirstOrDefault(s => string.Equals(Title(s), wanted, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException($"--section: no section '{wanted}' in {SemanticsChecklist.Where}; sections: {string.Join("; ", sections)} (give the number or the title)");
    }

    private static string Title(string section) => section.IndexOf(". ", StringComparison.Ordinal) is var dot and > 0 ? section[(dot + 2)..] : section;
}
