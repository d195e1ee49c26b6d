namespace Conformance.Harness.Scenarios;

/// <summary>The largest scenario file the loader accepts: bounds that keep loading fast and small whatever a file holds.</summary>
/// <remarks>
/// Measured on the repository's 31 scenarios and the test fixtures (2026-11-28): the largest file is 4,226 bytes and has
/// the most nodes, 443 (<c>tutorial/02-joinable-queue-consumers</c>); the deepest nests 14 levels
/// (<c>tutorial/07-manager-dict</c>). Each limit leaves more than twice that room, so no honest scenario comes near one, while a hostile file is refused before
/// anything is built from it. docs/scenario-authors.md ("Limits") quotes these numbers; change both together.
/// </remarks>
public static class ScenarioLimits
{
    /// <summary>The most bytes a scenario file may have (1 MiB, about 250 times the largest scenario).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// The most lists and maps a node may sit inside, counting the top-level map as 1 (more than twice the deepest scenario's 14).
    /// </summary>
    /// <remarks>
    /// The loader, the validator and every backend walk the document recursively, and the document goes to backends as
    /// JSON, whose readers stop at 64 levels by default (System.Text.Json); 32 keeps both far from their limits.
    /// </remarks>
    public const int MaxDepth = 32;

    /// <summary>The most YAML nodes (every key, value and list item) a file may have (45 times the largest scenario's 443).</summary>
    public const int MaxNodes = 20_000;
}
