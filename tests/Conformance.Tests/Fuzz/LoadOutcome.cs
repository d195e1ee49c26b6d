using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Fuzz;

/// <summary>What one load of a mutant did: loaded, refused with diagnostics, threw something else, or did not return in time.</summary>
/// <param name="Diagnostics">The refusal's diagnostics, or null when it loaded (or crashed or hung).</param>
/// <param name="Crash">Any exception other than <see cref="ScenarioValidationException"/>.</param>
/// <param name="Hung">True when the load did not return within <see cref="FuzzCase.TimeBound"/>.</param>
/// <param name="Elapsed">How long it took (the bound when it hung).</param>
/// <param name="Allocated">Bytes the loading thread allocated.</param>
internal sealed record LoadOutcome(IReadOnlyList<ScenarioDiagnostic>? Diagnostics, Exception? Crash, bool Hung, TimeSpan Elapsed, long Allocated)
{
    public bool Loaded => Diagnostics is null && Crash is null && !Hung;

    /// <summary>The outcome as text, comparable between two loads of the same input (diagnostics in order).</summary>
    public string Summary => Hung ? "hung" : Crash is { } e ? $"crashed: {e.GetType().Name}" : Diagnostics is { } d ? string.Join('\n', d) : "loaded";
}
