namespace Conformance.Harness.Snapshots;

/// <summary>How a received snapshot compares with the verified one.</summary>
public enum SnapshotStatus
{
    /// <summary>Identical to the verified snapshot.</summary>
    Matched,

    /// <summary>There is no verified snapshot yet.</summary>
    Missing,

    /// <summary>Differs from the verified snapshot.</summary>
    Mismatch,
}
