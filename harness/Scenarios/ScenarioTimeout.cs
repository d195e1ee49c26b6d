using System.Globalization;
using System.Text.Json.Nodes;
using Conformance.Harness.Language;

namespace Conformance.Harness.Scenarios;

/// <summary>A scenario's time limit as written: a class (<c>short</c>, <c>long</c>), a number of seconds, or the default.</summary>
/// <param name="Seconds">The limit before any <c>--timeout-multiplier</c>.</param>
/// <param name="Written">What the document's <c>timeout</c> says (<c>short</c>, <c>long</c>, <c>45</c>), or null when it has none.</param>
public sealed record ScenarioTimeout(double Seconds, string? Written)
{
    /// <summary>
    /// <c>timeout: short</c>, and the default: every short scenario of the suite ends within 3.3 s on a shared 2-core
    /// machine (tutorial/03, which sleeps 3 s; the others within 2.4 s), so 30 s leaves room for a machine several
    /// times slower while a hang costs half a minute, not a minute.
    /// </summary>
    public const double ShortSeconds = 30;

    /// <summary><c>timeout: long</c>: for scenarios that sleep on purpose for seconds (tutorial/06 takes 10–13 s).</summary>
    public const double LongSeconds = 120;

    /// <summary>The classes a document may name, with their seconds (harness/Language/language.json; a test holds the constants above to it).</summary>
    public static IReadOnlyDictionary<string, double> Classes { get; } =
        LanguageDefinition.Current.TimeoutClasses.ToDictionary(c => c.Name, c => c.Seconds, StringComparer.Ordinal);

    /// <summary>No <c>timeout</c> key: the short class.</summary>
    public static ScenarioTimeout Default { get; } = new(ShortSeconds, null);

    /// <summary>
    /// The time limit a validated document's <c>timeout</c> value stands for (null: the default); a value that is neither
    /// a class nor a positive number gives the default (the validator reports it).
    /// </summary>
    public static ScenarioTimeout Of(JsonNode? value)
    {
        if (value is not JsonValue v)
            return Default;
        if (v.TryGetValue<string>(out var name))
            return Classes.TryGetValue(name, out var seconds) ? new ScenarioTimeout(seconds, name) : Default;
        double? number = v.TryGetValue<long>(out var n) ? n : v.TryGetValue<double>(out var d) ? d : null;
        return number is { } s && s > 0 && double.IsFinite(s)
            ? new ScenarioTimeout(s, s.ToString("0.###", CultureInfo.InvariantCulture))
            : Default;
    }

    /// <summary>How messages name it: <c>timeout: short</c>, <c>timeout: 45</c>, <c>timeout: short, the default</c>.</summary>
    public override string ToString() => Written switch
    {
        not null => $"timeout: {Written}",
        _ when Seconds == ShortSeconds => "timeout: short, the default",
        _ => $"timeout: {Seconds.ToString("0.###", CultureInfo.InvariantCulture)}",
    };
}
