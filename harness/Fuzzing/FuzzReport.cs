namespace Conformance.Harness.Fuzzing;

/// <summary>The figure of a fuzzing run: programs run, programs the validator refused, differences, wall time.</summary>
public sealed record FuzzReport(int Programs, int Rejected, IReadOnlyList<string> RejectionSamples, int DifferenceCount,
    IReadOnlyList<FuzzDifference> Differences, TimeSpan Elapsed)
{
    /// <summary><c>N programs, M differences</c> and the rest of the figure.</summary>
    public string Summary =>
        $"{Programs - Rejected} programs, {DifferenceCount} differences ({Programs} generated, {Rejected} rejected by the validator and dropped, {Elapsed.TotalSeconds:F1} s)";
}
