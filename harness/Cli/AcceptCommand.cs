using System.CommandLine;
using Conformance.Harness.Running;
using Conformance.Harness.Snapshots;

namespace Conformance.Harness.Cli;

/// <summary><c>accept</c>: CPython's received snapshots become the verified ones (other backends' never do).</summary>
internal static class AcceptCommand
{
    private static readonly Option<bool> Prune = Options.Flag("--prune", "first delete snapshots of scenarios that no longer exist (a run fails while any verified one is left dangling)");
    private static readonly Option<string?> Root = Options.Root();

    /// <summary>The command, as the parser knows it.</summary>
    public static Command Create()
    {
        var command = new Command("accept", "turn CPython's *.received.txt snapshots into *.verified.txt") { Prune, Root };
        command.SetAction(Execute);
        return command;
    }

    public static int Execute(ParseResult line)
    {
        var paths = line.Suite(Root);
        if (line.GetValue(Prune))
        {
            // Snapshots of scenarios that no longer exist (renamed or deleted files): what makes a run fail as dangling.
            foreach (var file in SnapshotStore.Prune(paths.Expected, ValidateCommand.SuiteIds(paths)))
                Console.WriteLine($"pruned {file}");
        }
        var result = SnapshotStore.Accept(paths.Expected);
        foreach (var id in result.Accepted)
            Console.WriteLine($"accepted {id}");
        foreach (var refusal in result.Refused)
            Console.Error.WriteLine($"refused: {refusal}");
        Console.WriteLine(result.Accepted.Count == 0 ? "nothing to accept" : $"{result.Accepted.Count} snapshot(s) accepted");
        return 0;
    }
}
