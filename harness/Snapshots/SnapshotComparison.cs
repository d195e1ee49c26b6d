namespace Conformance.Harness.Snapshots;

/// <summary>The result of comparing one run's snapshot text with the verified file.</summary>
/// <param name="Status">Matched, missing or mismatched.</param>
/// <param name="VerifiedPath">Where the verified snapshot is (or would be).</param>
/// <param name="ReceivedPath">Where the received text was written; the stale file that was deleted when it matched.</param>
/// <param name="Diff">The unified diff verified → received; empty when matched (all lines added when missing).</param>
public sealed record SnapshotComparison(SnapshotStatus Status, string VerifiedPath, string ReceivedPath, string Diff);
