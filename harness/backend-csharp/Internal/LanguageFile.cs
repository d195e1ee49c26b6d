using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Conformance.Backend.CSharp.Internal;

/// <summary>harness/Language/language.json, embedded in this runner: the parts it reads at run time (the attribute policy).</summary>
internal static class LanguageFile
{
    private const string ResourceName = "language.json";

    private static readonly Lazy<JsonDocument> Definition = new(() =>
    {
        using var stream = typeof(LanguageFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the C# backend");
        return JsonDocument.Parse(stream);
    });

    /// <summary>The methods the definition lists for primitive <paramref name="type"/> (none for a type it does not list).</summary>
    public static IReadOnlySet<string> PrimitiveMethods(string type) =>
        Definition.Value.RootElement.GetProperty("primitives").TryGetProperty(type, out var primitive)
        && primitive.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
            ? methods.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    /// <summary>The definition's exception types with their bases (<c>exceptions.types</c>), in file order.</summary>
    public static IReadOnlyDictionary<string, string[]> ExceptionBases()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var type in Definition.Value.RootElement.GetProperty("exceptions").GetProperty("types").EnumerateObject())
            result[type.Name] = type.Value.GetProperty("bases").EnumerateArray().Select(e => e.GetString()!).ToArray();
        return result;
    }

    /// <summary>The list <paramref name="key"/> of the top-level section <paramref name="section"/> (<c>types.names</c>, <c>str_methods.methods</c>).</summary>
    public static IReadOnlySet<string> Names(string section, string key) =>
        Definition.Value.RootElement.GetProperty(section).GetProperty(key).EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The built-ins marked <c>value: true</c>: those <c>{builtin: f}</c> may pass as values.</summary>
    public static IReadOnlySet<string> ValueBuiltins() =>
        Definition.Value.RootElement.GetProperty("builtins").EnumerateObject()
            .Where(b => b.Value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.True)
            .Select(b => b.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>One of the policy's name lists (<c>readable_dunders</c>, <c>special_methods</c>, <c>forbidden_names</c>).</summary>
    public static IReadOnlySet<string> PolicySet(string name)
    {
        if (!Definition.Value.RootElement.GetProperty("policy").TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{ResourceName}: policy.{name} must be a list of names");
        return list.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
    }
}
