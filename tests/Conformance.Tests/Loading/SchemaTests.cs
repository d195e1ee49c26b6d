using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Tests.Loading;

public sealed class SchemaTests
{
    private static JsonObject Schema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "scenarios", "scenario.schema.json")))!.AsObject();

    [Test]
    public void Schema_is_valid_json_in_draft_2020_12()
    {
        var schema = Schema();

        Assert.That(schema["$schema"]!.GetValue<string>(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        Assert.That(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "description", "features", "main" }));
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
            "set", "setitem", "call", "print", "write", "sleep", "with", "if", "while", "for", "try", "raise", "return", "word",
        }));
    }

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Key == "$ref" && kv.Value!.GetValueKind() == JsonValueKind.String
            ? [kv.Value.GetValue<string>()]
            : Refs(kv.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };
}
