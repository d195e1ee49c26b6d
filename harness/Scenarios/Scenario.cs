using System.Text.Json.Nodes;

namespace Conformance.Harness.Scenarios;

/// <summary>A validated scenario: what every backend receives, plus where each part came from.</summary>
/// <param name="Id">The path under <c>scenarios/</c> without extension, e.g. <c>tutorial/01-queue-user-object</c>.</param>
/// <param name="SourcePath">The YAML file it was loaded from.</param>
/// <param name="Document">The YAML content as JSON (core schema types) plus <c>"id"</c>; handed to backends as is.</param>
/// <param name="TimeoutSeconds">The run's time limit in seconds (the document's <c>timeout</c>: short by default, see <see cref="ScenarioTimeout"/>).</param>
/// <param name="Locations">JSON pointer (e.g. <c>/main/3/do/0</c>) to 1-based line and column in <see cref="SourcePath"/>.</param>
public sealed record Scenario(
    string Id,
    string SourcePath,
    JsonObject Document,
    double TimeoutSeconds,
    IReadOnlyDictionary<string, (int Line, int Column)> Locations)
{
    /// <summary>The time limit as the document wrote it (class, seconds or default), for messages.</summary>
    public ScenarioTimeout Timeout { get; init; } = new(TimeoutSeconds, null);

    /// <summary>The document's <c>invariants</c>, parsed once at validation (none when it declares none).</summary>
    public IReadOnlyList<Invariant> Invariants { get; init; } = [];

    /// <summary>The document's <c>output</c> rules, parsed once at validation.</summary>
    public OutputRules Output { get; init; } = OutputRules.None;

    /// <summary>The scenario's tutorial section, if it mirrors one.</summary>
    public string? Tutorial => Document["tutorial"]?.GetValue<string>();

    /// <summary>The checklist items the scenario pins (<c>covers:</c>), empty when it names none.</summary>
    public IReadOnlyList<string> Covers => Document["covers"] is JsonArray list ? [.. list.Select(n => n?.GetValue<string>()).OfType<string>()] : [];

    /// <summary>False when the scenario opts out of chaos mode (<c>chaos: false</c>): its runs never get the seed.</summary>
    public bool Chaos => Document["chaos"]?.GetValue<bool>() ?? true;

    /// <summary>Why the scenario opts out of chaos mode (<c>chaos_reason</c>), or null when it does not.</summary>
    public string? ChaosReason => Document["chaos_reason"]?.GetValue<string>();

    /// <summary><c>file:line:column</c> for a JSON pointer into the document, falling back to its nearest located ancestor.</summary>
    public string LocationOf(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (Locations.TryGetValue(p, out var at))
                return $"{SourcePath}:{at.Line}:{at.Column}";
            if (p.Length == 0 || p.LastIndexOf('/') < 0)
                return $"{SourcePath}:1:1";
        }
    }
}
