namespace Conformance.Harness.Language;

/// <summary>A built-in function a scenario calls, and the Python callable it stands for.</summary>
/// <param name="Name">The name a scenario calls.</param>
/// <param name="Python">The Python callable.</param>
/// <param name="Doc">What it does.</param>
public sealed record BuiltinFunction(string Name, string Python, string Doc)
{
    /// <summary>The fewest positional arguments it takes.</summary>
    public int MinArgs { get; init; }

    /// <summary>The most positional arguments it takes (null: no limit).</summary>
    public int? MaxArgs { get; init; }

    /// <summary>The keyword arguments it accepts (empty: none); ignored when <see cref="AnyKeywords"/>.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>True when any keyword is accepted (dict(**kwargs)).</summary>
    public bool AnyKeywords { get; init; }

    /// <summary>True when <c>{builtin: name}</c> may pass it as an inert callable value.</summary>
    public bool IsValue { get; init; }
}
