using Conformance.Harness.Running;
using Conformance.Harness.Snapshots;

namespace Conformance.Harness.Cli;

/// <summary><c>accept</c>: CPython's received snapshots become the verified ones (other backends' never do).</summary>
internal static class AcceptCommand
{
    public static int Execute(CommandLine line)
    {
        line.RejectUnknown("root", "prune");
        line.RejectPositional();
        var paths = line.Suite();
        if (line.Has("prune"))
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
