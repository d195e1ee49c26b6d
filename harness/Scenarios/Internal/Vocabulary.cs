using Conformance.Harness.Language;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>The validator's view of harness/Language/language.json: the sets and shapes it checks documents against.</summary>
internal static class Vocabulary
{
    /// <summary>A primitive type: its constructor's keywords in positional order and its methods.</summary>
    public sealed record Primitive(string[] Keywords, string[] Methods);

    private static LanguageDefinition Language => LanguageDefinition.Current;

    public static readonly IReadOnlyDictionary<string, Primitive> Primitives = Language.Primitives.Values.ToDictionary(
        p => p.Name, p => new Primitive(p.Keywords.Select(k => k.Name).ToArray(), p.Methods.ToArray()), StringComparer.Ordinal);

    /// <summary>Every method name a traced object can be called with: primitives', then proxies' and pool results'.</summary>
    public static readonly IReadOnlySet<string> KnownMethods = Language.Primitives.Values.SelectMany(p => p.Methods)
        .Concat(Language.Proxies.Concat(Language.Results).SelectMany(m => m.Methods)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The methods a scenario may call on a str.</summary>
    public static readonly IReadOnlySet<string> StrMethods = Language.StrMethods.ToHashSet(StringComparer.Ordinal);

    /// <summary>The built-in type names <c>{type: T}</c> accepts (besides exception types and user classes).</summary>
    public static readonly IReadOnlyList<string> TypeNames = Language.TypeNames;

    /// <summary>The built-ins <c>{builtin: name}</c> may pass as values.</summary>
    public static readonly IReadOnlyList<string> ValueBuiltins = Language.Builtins.Values.Where(b => b.IsValue).Select(b => b.Name).ToList();

    /// <summary>The built-in named <paramref name="name"/>.</summary>
    public static BuiltinFunction? Builtin(string name) => Language.Builtins.GetValueOrDefault(name);

    /// <summary>Operations the trace records besides method names.</summary>
    public static readonly IReadOnlySet<string> TraceOps = Language.TraceOps.ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> BuiltinFunctions = Language.Builtins.Keys.ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> ExceptionTypes = Language.Exceptions.Keys.ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> ReservedNames =
        Primitives.Keys.Concat(BuiltinFunctions).Concat(ExceptionTypes).Concat(Language.ReservedNames).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> PythonKeywords = Language.PythonKeywords.ToHashSet(StringComparer.Ordinal);

    /// <summary>Attributes of primitives and results a scenario may read besides their methods (CPython's names).</summary>
    public static readonly IReadOnlySet<string> DocumentedAttributes = Language.Primitives.Values.SelectMany(p => p.Attributes)
        .Concat(Language.ExceptionAttributes).Concat(Language.Exceptions.Values.SelectMany(e => e.Attributes)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The modules whose functions are built-ins written with their module (<c>sys.exit</c>): never variable names.</summary>
    public static readonly IReadOnlySet<string> BuiltinModules = Language.Builtins.Keys.Where(k => k.Contains('.'))
        .Select(k => k[..k.IndexOf('.')]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The only attribute names starting with '_' a scenario may read (both interpreters read the same file).</summary>
    public static IReadOnlySet<string> ReadableDunders => Language.Policy.ReadableDunders;

    /// <summary>The only method names starting with '_' a user class may define and a scenario may call.</summary>
    public static IReadOnlySet<string> SpecialMethods => Language.Policy.SpecialMethods;

    /// <summary>
    /// Public names that reach CPython's frames, code objects or <c>str.format</c>'s attribute walk: never an
    /// attribute, field or method of a scenario, whatever object they are asked of.
    /// </summary>
    public static IReadOnlySet<string> ForbiddenNames => Language.Policy.ForbiddenNames;

    public static readonly string[] TraceEvents = Language.TraceEvents.Select(e => e.Name).ToArray();

    public static readonly string[] InvariantKinds = Language.Invariants.Keys.ToArray();

    public static readonly string[] WordSteps = Language.WordSteps.Select(w => w.Name).ToArray();

    public static IReadOnlyDictionary<string, Shape> Steps => Language.Steps;

    public static IReadOnlyDictionary<string, Operator> Operators => Language.Operators;

    public static IReadOnlyDictionary<string, InvariantKind> Invariants => Language.Invariants;

    /// <summary>The sequential models of the <c>linearizable</c> invariant.</summary>
    public static IReadOnlyDictionary<string, LinearizableModel> LinearizableModels => Language.LinearizableModels;

    public static Shape TopLevel => Language.TopLevel;

    public static Shape Function => Language.Function;

    public static Shape Class => Language.Class;

    public static Shape Handler => Language.Handler;

    public static Shape Selector => Language.Selector;

    public static Shape Output => Language.Output;

    /// <summary>The scrub entry whose distinguishing key is <paramref name="key"/> (<c>regex</c> or <c>value</c>).</summary>
    public static Shape Scrub(string key) => Language.Scrubs[key];

    public static IReadOnlyList<string> MachineOperators => Language.MachineOperators;

    /// <summary>"short (30 s), long (120 s)": the timeout classes as messages name them.</summary>
    public static string TimeoutClassList => Names.List(Language.TimeoutClasses.Select(c => $"{c.Name} ({c.Seconds} s)"));
}
