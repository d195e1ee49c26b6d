using Conformance.Harness.Checks;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

public class TranscriptTests
{
    private static IReadOnlyList<string> Normalise(string scenarioJson, params string[] texts) =>
        Transcript.Normalise(Output(scenarioJson), Build([Meta(), .. texts.Select((t, i) => Print(i, 100, "MainProcess", t))]));

    [Test]
    public void Prints_are_joined_in_trace_order_and_split_on_newlines()
    {
        Assert.That(Normalise("{}", "a", "b\n\n", "c\nd\n"), Is.EqualTo(new[] { "ab", "", "c", "d" }));
        Assert.That(Normalise("{}", "no newline"), Is.EqualTo(new[] { "no newline" }));
        Assert.That(Normalise("{}"), Is.Empty);
    }

    [Test]
    public void Addresses_and_pids_are_scrubbed_by_order_of_first_appearance()
    {
        var trace = Build(Meta(), Begin(0.1, 4242, "P-1"), Begin(0.2, 42, "P-2"),
            Print(0.3, 42, "P-2", "pids 42 4242 142 42x <__main__.C object at 0x7f3aB0>\n"));
        Assert.That(Transcript.Normalise(Output("{}"), trace),
            Is.EqualTo(new[] { "pids Pid_3 Pid_2 142 42x <__main__.C object at 0xADDR>" }));
    }

    [Test]
    public void Regex_scrubs_apply_in_order_with_substitutions()
    {
        const string scenario = """
            {"output": {"scrub": [{"regex": "Consumer-(\\d+)", "replace": "C$1"}, {"regex": "C1", "replace": "first"}]}}
            """;
        Assert.That(Normalise(scenario, "Consumer-1 Consumer-2\n"), Is.EqualTo(new[] { "first C2" }));
    }

    [Test]
    public void Value_scrubs_replace_whole_numbers_only_on_lines_in_scope()
    {
        // The meta event says cpu_count 4, so the value is 8.
        const string scenario = """
            {"output": {"scrub": [{"value": {"mul": ["$cpu_count", 2]}, "token": "CpuCount*2", "in": "^Creating "}]}}
            """;
        Assert.That(Normalise(scenario, "Creating 8 processes, not 18 or 8.5 or 88\n", "Got 8\n"),
            Is.EqualTo(new[] { "Creating CpuCount*2 processes, not 18 or 8.5 or 88", "Got 8" }));
    }

    [Test]
    public void Sort_groups_sort_matching_lines_among_their_own_positions()
    {
        const string scenario = """{"output": {"sort": [["^w", "^m"], ["^z"]]}}""";
        Assert.That(Normalise(scenario, "z2\n", "w: b\n", "keep\n", "m: a\n", "z1\n"),
            Is.EqualTo(new[] { "z1", "m: a", "keep", "w: b", "z2" }));
    }

    [Test]
    public void A_sort_group_written_as_one_regex_is_a_group_of_one()
    {
        // The validator accepts sort: ['^z'] (a group may be one regex); the transcript once read every group as a list.
        const string scenario = """{"output": {"sort": ["^z"]}}""";
        Assert.That(Normalise(scenario, "z2\n", "keep\n", "z1\n"), Is.EqualTo(new[] { "z1", "keep", "z2" }));
    }

    [Test]
    public void Collapse_folds_runs_of_identical_matching_lines()
    {
        const string scenario = """{"output": {"collapse": ["Exiting$"]}}""";
        Assert.That(Normalise(scenario, "C: Exiting\n", "C: Exiting\n", "x\n", "x\n", "C: Exiting\n"),
            Is.EqualTo(new[] { "C: Exiting", "x", "x", "C: Exiting" }));
    }

    [Test]
    public void Rules_run_scrub_then_sort_then_collapse()
    {
        const string scenario = """
            {"output": {"scrub": [{"regex": "Consumer-\\d+", "replace": "Consumer-N"}],
                        "sort": [["^Consumer-N: \\d"]],
                        "collapse": ["^Consumer-N: Exiting$"]}}
            """;
        var lines = Normalise(scenario, "Consumer-2: 3\n", "Consumer-1: Exiting\n", "Consumer-1: 1\n", "Consumer-2: Exiting\n");
        Assert.That(lines, Is.EqualTo(new[] { "Consumer-N: 1", "Consumer-N: Exiting", "Consumer-N: 3", "Consumer-N: Exiting" }));
    }
}
