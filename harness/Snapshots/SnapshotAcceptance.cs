namespace Conformance.Harness.Snapshots;

/// <summary>What <see cref="SnapshotStore.Accept"/> did.</summary>
/// <param name="Accepted">Ids whose CPython received file became the verified snapshot.</param>
/// <param name="Refused">One message per other backend's received file left in place, saying why.</param>
public sealed record SnapshotAcceptance(IReadOnlyList<string> Accepted, IReadOnlyList<string> Refused);
