using Conformance.Backend.CSharp;
using Conformance.Harness.Language;
using Multiprocessing.Python;

namespace Conformance.Tests.Language;

/// <summary>The C# interpreter implements exactly what harness/Language/language.json lists, or reports it not-implemented.</summary>
[NonParallelizable]
public sealed class CSharpInterpreterTests
{
    private static LanguageDefinition Language => LanguageDefinition.Current;

    /// <summary>What running <paramref name="main"/> raised, or null.</summary>
    private static Exception? Raised(string main)
    {
        var interpreter = new Interpreter((Dictionary<string, object?>)Document.Parse($$"""{"main": {{main}}}""")!) { Out = _ => { } };
        Interpreter.Current = interpreter;
        try
        {
            interpreter.RunMain();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Test]
    public void Builtins_are_the_definitions() =>
        Assert.That(Interpreter.Builtins, Is.EquivalentTo(Language.Builtins.Keys));

    [Test]
    public void Every_listed_builtin_is_bound_and_nothing_else()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in Language.Builtins.Keys)
            {
                // Called without arguments: some raise TypeError, none may be an unknown name.
                var e = Raised($$"""[{"call": "{{name}}"}]""");
                Assert.That(e is null ? null : PyErrors.Name(e), Is.Not.EqualTo("NameError"), $"{name}: {e?.Message}");
            }
            Assert.That(PyErrors.Name(Raised("""[{"call": "eval"}]""")!), Is.EqualTo("NameError"));
        });
    }

    [Test]
    public void Primitives_are_constructed_or_reported_not_implemented()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Interpreter.Constructible.Concat(Document.Unsupported), Is.EquivalentTo(Language.Primitives.Keys));
            Assert.That(Interpreter.Constructible.Intersect(Document.Unsupported), Is.Empty);
            foreach (var name in Document.Unsupported)
                Assert.That(Document.FirstUnsupported(Document.Parse($$$"""{"main": [{"set": "x", "to": {"new": "{{{name}}}"}}]}""")), Is.EqualTo(name));
        });
    }

    [Test]
    public void Every_constructible_primitive_binds_its_constructor()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in Interpreter.Constructible)
            {
                // An unknown keyword is refused while binding, before any OS object is made.
                var e = Raised("[{\"set\": \"x\", \"to\": {\"new\": \"" + name + "\", \"kwargs\": {\"no_such_keyword\": 1}}}]");
                Assert.That(e is null ? null : PyErrors.Name(e), Is.EqualTo("TypeError"), $"{name}: {e?.Message}");
            }
            Assert.That(Raised("""[{"set": "x", "to": {"new": "Listener"}}]"""), Is.TypeOf<NotImplementedException>());
        });
    }

    [Test]
    public void Exceptions_are_the_definitions_with_their_bases()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LanguageExceptions.Known, Is.EquivalentTo(Language.Exceptions.Keys));
            foreach (var type in Language.Exceptions.Values)
            {
                // impl's value model has its own table of CPython's hierarchy: on the language's types it is the definition's.
                Assert.That(PyErrors.Hierarchy.TryGetValue(type.Name, out var bases) ? bases : null, Is.EqualTo(type.Bases),
                    $"impl's PyErrors.Hierarchy[{type.Name}]");
            }
            foreach (var type in Language.Exceptions.Values)
            {
                // What raise: T makes (impl's class where it has one) is caught by exactly T and its ancestors.
                var ancestors = new HashSet<string> { type.Name };
                for (var t = type; t.Bases.Count > 0; t = Language.Exceptions[t.Bases[0]])
                    ancestors.Add(t.Bases[0]);
                var raised = PyErrors.Raise(type.Name, ["m"]);
                foreach (var handler in Language.Exceptions.Keys)
                    Assert.That(PyErrors.Matches(raised, handler), Is.EqualTo(ancestors.Contains(handler)), $"except {handler} for {type.Name}");
            }
        });
    }

    [Test]
    public void Str_methods_type_names_and_value_builtins_are_the_definitions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Interpreter.StrMethods, Is.EquivalentTo(Language.StrMethods));
            Assert.That(Interpreter.TypeNames, Is.EquivalentTo(Language.TypeNames));
            Assert.That(Interpreter.ValueBuiltins, Is.EquivalentTo(Language.Builtins.Values.Where(b => b.IsValue).Select(b => b.Name)));
        });
    }

    [Test]
    public void Every_listed_str_method_is_implemented_and_no_other()
    {
        Assert.Multiple(() =>
        {
            foreach (var method in Language.StrMethods)
            {
                // Called with one string argument: some raise TypeError (upper takes none), none may be refused.
                var e = Raised($$"""[{"set": "s", "to": "a b"}, {"call": "s.{{method}}", "args": ["a"]}]""");
                Assert.That(e, Is.Null.Or.Not.TypeOf<ScenarioViolation>(), $"{method}: {e?.Message}");
                Assert.That(e is null ? null : PyErrors.Name(e), Is.Not.EqualTo("AttributeError"), $"{method}: {e?.Message}");
            }
            Assert.That(Raised("""[{"set": "s", "to": "a"}, {"call": "s.encode"}]"""), Is.TypeOf<ScenarioViolation>());
        });
    }

    [Test]
    public void Every_listed_type_name_gives_a_view()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in Language.TypeNames.Concat(Language.Exceptions.Keys))
                Assert.That(Raised($$$"""[{"print": {"type": "{{{name}}}"}}]"""), Is.Null, name);
            Assert.That(Raised("""[{"print": {"type": "__import__"}}]"""), Is.TypeOf<ScenarioViolation>());
        });
    }

    [Test]
    public void The_attribute_policy_is_the_definitions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.ReadableDunders, Is.EquivalentTo(Language.Policy.ReadableDunders));
            Assert.That(Policy.SpecialMethods, Is.EquivalentTo(Language.Policy.SpecialMethods));
            Assert.That(Policy.ForbiddenNames, Is.EquivalentTo(Language.Policy.ForbiddenNames));
        });
    }
}
