using System.Text.RegularExpressions;
using Conformance.Harness.Language;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Scenarios.Internal;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Language;

/// <summary>The definition agrees with the constants code keeps beside it, and docs/scenario-authors.md names everything it lists.</summary>
public sealed partial class DefinitionTests
{
    private static LanguageDefinition Language => LanguageDefinition.Current;

    [Test]
    public void Timeout_classes_are_the_constants_messages_use()
    {
        Assert.That(Language.TimeoutClasses.Select(c => (c.Name, c.Seconds)),
            Is.EqualTo(new[] { ("short", ScenarioTimeout.ShortSeconds), ("long", ScenarioTimeout.LongSeconds) }));
    }

    [Test]
    public void The_identifier_pattern_is_the_validators() =>
        Assert.That(Language.IdentifierPattern, Is.EqualTo(Names.IdentifierRegex.ToString()));

    [Test]
    public void Required_keys_are_keys_and_names_are_unique()
    {
        var shapes = new[] { Language.TopLevel, Language.Function, Language.Class, Language.Handler, Language.Selector, Language.Output }
            .Concat(Language.Steps.Values).Concat(Language.Operators.Values.Select(o => o.Shape)).Concat(Language.Scrubs.Values)
            .Concat(Language.Invariants.Values.Select(k => k.Body).OfType<Shape>());

        Assert.Multiple(() =>
        {
            foreach (var shape in shapes)
            {
                Assert.That(shape.Required.Except(shape.Allowed), Is.Empty, shape.Name);
                Assert.That(shape.Allowed, Is.Unique, shape.Name);
            }
            // A step's and an operator's kind is its first key, the one the validator looks for.
            foreach (var shape in Language.Steps.Values.Concat(Language.Operators.Values.Select(o => o.Shape)))
                Assert.That(shape.Allowed[0], Is.EqualTo(shape.Name));
        });
    }

    [Test]
    public void Every_name_the_definition_lists_is_in_the_authors_guide()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "scenario-authors.md"));
        // Every word inside an inline code span: `{add: [a, b]}` names add, `Empty` names Empty.
        var words = CodeSpan().Matches(guide).SelectMany(m => Word().Matches(m.Value).Select(w => w.Value)).ToHashSet(StringComparer.Ordinal);
        var named = Language.Builtins.Keys
            .Concat(Language.Operators.Keys)
            .Concat(Language.Steps.Keys).Concat(Language.WordSteps.Select(w => w.Name))
            .Concat(Language.Exceptions.Keys)
            .Concat(Language.Primitives.Keys)
            .Concat(Language.Invariants.Keys)
            .Concat(Language.TraceEvents.Select(e => e.Name));

        // A dotted name (sys.exit, multiprocessing.TimeoutError) must appear whole in a code span.
        var dotted = CodeSpan().Matches(guide).SelectMany(m => DottedWord().Matches(m.Value).Select(w => w.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.That(named.Where(n => n.Contains('.') ? !dotted.Contains(n) : !words.Contains(n)), Is.Empty, "named in harness/Language/language.json but not in docs/scenario-authors.md");
    }

    [GeneratedRegex("`[^`\n]+`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+")]
    private static partial Regex DottedWord();
}
