using System.Text.Json.Nodes;
using Conformance.Harness.Language.Internal;

namespace Conformance.Harness.Language;

/// <summary>The scenario language as harness/Language/language.json defines it: the one list every part of the suite is checked against.</summary>
public sealed class LanguageDefinition
{
    /// <summary>The name of the definition file, and of the resource it is embedded as.</summary>
    public const string FileName = "language.json";

    private static readonly Lazy<LanguageDefinition> Embedded = new(() => Parse(ReadEmbedded()));

    /// <summary>The definition embedded in the harness, loaded once.</summary>
    public static LanguageDefinition Current => Embedded.Value;

    public required string Doc { get; init; }
    public required Shape TopLevel { get; init; }
    public required IReadOnlyList<TimeoutClass> TimeoutClasses { get; init; }
    public required Shape Function { get; init; }
    public required Shape Class { get; init; }
    public required IReadOnlyList<string> ClassBases { get; init; }
    public required IReadOnlyDictionary<string, Shape> Steps { get; init; }
    public required IReadOnlyList<Term> WordSteps { get; init; }
    public required Shape Handler { get; init; }
    public required IReadOnlyDictionary<string, Operator> Operators { get; init; }
    public required IReadOnlyDictionary<string, BuiltinFunction> Builtins { get; init; }
    public required IReadOnlyDictionary<string, Primitive> Primitives { get; init; }

    /// <summary>The built-in type names <c>{type: T}</c> accepts besides exception types and user classes.</summary>
    public required IReadOnlyList<string> TypeNames { get; init; }

    /// <summary>The methods a scenario may call on a str.</summary>
    public required IReadOnlyList<string> StrMethods { get; init; }
    public required IReadOnlyList<MethodSet> Proxies { get; init; }
    public required IReadOnlyList<MethodSet> Results { get; init; }
    public required IReadOnlyDictionary<string, ExceptionType> Exceptions { get; init; }

    /// <summary>Attributes every exception has (<c>args</c>).</summary>
    public required IReadOnlyList<string> ExceptionAttributes { get; init; }

    public required IReadOnlyList<Term> TraceEvents { get; init; }

    /// <summary>Operations the trace records besides method names (<c>__enter__</c>, ...).</summary>
    public required IReadOnlyList<string> TraceOps { get; init; }

    public required Shape Selector { get; init; }
    public required IReadOnlyDictionary<string, InvariantKind> Invariants { get; init; }

    /// <summary>The sequential models of the <c>linearizable</c> invariant, by name.</summary>
    public required IReadOnlyDictionary<string, LinearizableModel> LinearizableModels { get; init; }
    public required Shape Output { get; init; }

    /// <summary>The two forms of a scrub entry, <c>regex</c> and <c>value</c>, keyed by the key that tells them apart.</summary>
    public required IReadOnlyDictionary<string, Shape> Scrubs { get; init; }

    public required string MachineValueDoc { get; init; }
    public required IReadOnlyList<string> MachineVariables { get; init; }
    public required IReadOnlyList<string> MachineOperators { get; init; }
    public required string IdentifierPattern { get; init; }
    public required IReadOnlyList<string> PythonKeywords { get; init; }

    /// <summary>Python names a user class or function must not take, besides primitives, built-ins and exception types.</summary>
    public required IReadOnlyList<string> ReservedNames { get; init; }

    public required AttributePolicy Policy { get; init; }

    /// <summary>Reads a definition from its JSON text; throws <see cref="InvalidDataException"/> naming what is malformed.</summary>
    public static LanguageDefinition Parse(string json) => DefinitionReader.Read(JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException($"{FileName} is not a JSON object"));

    /// <summary>The text of the embedded definition.</summary>
    public static string ReadEmbedded()
    {
        using var stream = typeof(LanguageDefinition).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded in {typeof(LanguageDefinition).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
