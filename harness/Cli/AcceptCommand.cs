using Conformance.Harness.Running;
using Conformance.Harness.Snapshots;

namespace Conformance.Harness.Cli;

/// <summary><c>accept</c>: CPython's received snapshots become the verified ones (other backends' never do).</summary>
internal static class AcceptCommand
{
    public static int Execute(CommandLine line)
    {
        line.RejectUnknown("root");
        var paths = SuitePaths.Locate(line.Get("root"));
        var accepted = SnapshotStore.Accept(paths.Expected);
        foreach (var file in accepted)
            Console.WriteLine($"accepted {Path.GetRelativePath(paths.Root, file)}");
        Console.WriteLine(accepted.Count == 0 ? "nothing to accept" : $"{accepted.Count} snapshot(s) accepted");
        return 0;
    }
}
