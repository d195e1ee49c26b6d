using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Language;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Scenarios.Internal;
using Vocabulary = Conformance.Harness.Scenarios.Internal.Vocabulary;
using Json.Schema;

namespace Conformance.Tests.Loading;

/// <summary>
/// scenarios/scenario.schema.json is generated from harness/Language/language.json, accepts every scenario of the
/// suite (read through the harness's own YAML reader) and refuses documents outside the language.
/// </summary>
public sealed class SchemaTests
{
    private static string SchemaPath => Path.Combine(RepositoryRoot.Find(), "scenarios", "scenario.schema.json");

    private static readonly Lazy<JsonSchema> Compiled = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static JsonObject Schema() => JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();

    [Test]
    public void Schema_is_valid_json_in_draft_2020_12()
    {
        var schema = Schema();

        Assert.That(schema["$schema"]!.GetValue<string>(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        Assert.That(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "description", "features", "main" }));
        var meta = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(meta.IsValid, Is.True, string.Join('\n', Errors(meta)));
    }

    [Test]
    public void Committed_schema_is_generated_from_the_definition()
    {
        var generated = SchemaGenerator.Generate(LanguageDefinition.Current);

        Assert.That(File.ReadAllText(SchemaPath), Is.EqualTo(generated),
            "scenarios/scenario.schema.json is stale; regenerate it: dotnet run --project harness -c Release -- schema > scenarios/scenario.schema.json");
    }

    [Test]
    public void Every_ref_points_at_a_definition()
    {
        var schema = Schema();
        var definitions = schema["$defs"]!.AsObject().Select(d => "#/$defs/" + d.Key).ToHashSet();

        var refs = Refs(schema).Distinct().ToList();

        Assert.That(refs, Is.Not.Empty);
        Assert.That(refs.Where(r => !definitions.Contains(r)), Is.Empty);
    }

    [Test]
    public void Every_step_kind_of_the_language_has_a_variant()
    {
        var titles = Schema()["$defs"]!["step"]!["oneOf"]!.AsArray().Select(v => v!["title"]!.GetValue<string>());

        Assert.That(titles, Is.EquivalentTo(new[]
        {
            "set", "setitem", "call", "print", "write", "sleep", "with", "if", "while", "for", "try", "raise", "return", "expr", "del", "yield", "word",
        }));
    }

    [Test]
    public void Editors_get_the_names_as_enums()
    {
        var defs = Schema()["$defs"]!;
        var language = LanguageDefinition.Current;

        Assert.Multiple(() =>
        {
            Assert.That(Strings(defs["exceptionType"]!["anyOf"]![0]!["enum"]), Is.EqualTo(language.Exceptions.Keys));
            Assert.That(Strings(defs["typeName"]!["anyOf"]![0]!["enum"]), Is.EqualTo(language.Primitives.Keys));
            Assert.That(Strings(defs["callTarget"]!["anyOf"]![0]!["enum"]), Is.EqualTo(language.Builtins.Keys));
            Assert.That(Strings(defs["selector"]!["properties"]!["ev"]!["enum"]), Is.EqualTo(language.TraceEvents.Select(e => e.Name)));
            Assert.That(Strings(defs["op"]!["enum"]), Is.EquivalentTo(Vocabulary.KnownMethods.Concat(Vocabulary.TraceOps)));
            Assert.That(defs["identifier"]!["pattern"]!.GetValue<string>(), Is.EqualTo(Names.IdentifierRegex.ToString()));
            Assert.That(defs["value"]!["anyOf"]![2]!["oneOf"]!.AsArray().Select(v => v!["title"]!.GetValue<string>()), Is.EqualTo(language.Operators.Keys));
        });
    }

    private static IEnumerable<TestCaseData> ScenarioFiles()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "scenarios");
        return ScenarioLoader.Discover(root).Select(f => new TestCaseData(f).SetArgDisplayNames(ScenarioLoader.IdOf(root, f)));
    }

    [TestCaseSource(nameof(ScenarioFiles))]
    public void Every_scenario_file_matches_the_schema(string file)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryRoot.Find(), "scenarios"), file);
        var document = scenario.Document.DeepClone().AsObject();
        document.Remove("id"); // added by the loader from the path; a file must not carry it

        var result = Evaluate(document);

        Assert.That(result.IsValid, Is.True, string.Join('\n', Errors(result)));
    }

    [TestCase("description: d\nfeatures: [Queue]\nmain: []\nfrobnicate: 1\n", TestName = "an unknown top-level key")]
    [TestCase("description: d\nfeatures: [Queue]\n", TestName = "no main")]
    [TestCase("description: d\nfeatures: []\nmain: []\n", TestName = "no features")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - frobnicate: x\n", TestName = "an unknown step kind")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - set: x\n", TestName = "a set step without to")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - set: x\n    to: 1\n    print: x\n", TestName = "a step with two kinds")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - stop\n", TestName = "an unknown word step")]
    // A user exception class may be any identifier (the schema cannot see a file's classes; the validator checks it).
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - raise: Oops!\n", TestName = "an exception type that is not a name")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - print: {frobnicate: [1, 2]}\n", TestName = "an unknown operator")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - print: {add: [1, 2, 3]}\n", TestName = "a binary operator with three operands")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - print: {and: [true]}\n", TestName = "and with one operand")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - print: {attr: __dict__, of: 1}\n", TestName = "a dunder attribute")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - print: {attr: f_globals, of: 1}\n", TestName = "a forbidden attribute")]
    [TestCase("description: d\nfeatures: [Queue]\nmain:\n  - set: 1x\n    to: 1\n", TestName = "a target that is not an identifier")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\ntimeout: medium\n", TestName = "an unknown timeout class")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\nchaos: false\n", TestName = "chaos false without a reason")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\nclasses:\n  C:\n    base: Thread\n", TestName = "a base other than Process")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\ninvariants:\n  - name: x\n    sometimes: {}\n", TestName = "an unknown invariant kind")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\ninvariants:\n  - name: x\n    count: {of: {ev: shout}, equals: 1}\n", TestName = "an unknown event kind")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\ninvariants:\n  - name: x\n    program_order: [{ev: print}]\n", TestName = "program_order with one selector")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\noutput:\n  scrub:\n    - regex: a\n", TestName = "a scrub entry without replace")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\ncovers: [Q-12, Q-12]\n", TestName = "a covers id given twice")]
    [TestCase("description: d\nfeatures: [Queue]\nmain: []\ncovers: Q-12\n", TestName = "covers that is not a list")]
    public void Schema_rejects_a_document_outside_the_language(string yaml)
    {
        var locations = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var syntax = new List<(int Line, int Column, string Message)>();
        var document = YamlReader.Read(yaml, locations, syntax);
        Assert.That(syntax, Is.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(document).IsValid, Is.False, "the schema accepts it");
            Assert.That(() => Yaml.Load(yaml), Throws.TypeOf<ScenarioValidationException>(), "the validator accepts it");
        });
    }

    [Test]
    public void Schema_accepts_every_shape_of_checklist_id()
    {
        var ids = SemanticsChecklist.Of(Path.Combine(RepositoryRoot.Find(), "scenarios"))!.Items.Select(i => (JsonNode?)i.Id).ToArray();
        var document = new JsonObject { ["description"] = "d", ["features"] = new JsonArray("Queue"), ["main"] = new JsonArray(), ["covers"] = new JsonArray(ids) };
        Assert.That(ids, Has.Length.GreaterThan(100));
        var result = Evaluate(document);
        Assert.That(result.IsValid, Is.True, string.Join("\n", Errors(result)));
    }

    private static EvaluationResults Evaluate(JsonNode? document) =>
        Compiled.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")).Take(20);

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Key == "$ref" && kv.Value!.GetValueKind() == JsonValueKind.String
            ? [kv.Value.GetValue<string>()]
            : Refs(kv.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };
}
