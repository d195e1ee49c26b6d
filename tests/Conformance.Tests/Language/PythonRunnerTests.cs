using System.Text.Json;
using System.Text.Json.Nodes;
using CliWrap.Buffered;
using Conformance.Harness.Backends;
using Conformance.Harness.Language;

namespace Conformance.Tests.Language;

/// <summary>conformance_runner.py implements exactly what harness/Language/language.json lists, and the definition's CPython facts are CPython's.</summary>
public sealed class PythonRunnerTests
{
    // Imports the runner as the harness does (from the output's python/ folder) and dumps its tables, plus what CPython
    // itself says about the definition's classes: the class each exception name resolves to, its bases, and the
    // signature of each primitive's constructor.
    private const string Script = """
        import builtins, importlib, inspect, json, sys
        sys.path.insert(0, sys.argv[1])
        import conformance_runner as r
        with open(sys.argv[2], encoding='utf-8') as f:
            lang = json.load(f)

        def resolve(dotted):
            module, _, name = dotted.rpartition('.')
            return getattr(importlib.import_module(module) if module else builtins, name)

        def signature(factory):
            return [[p.name, repr(p.default)] for p in inspect.signature(factory).parameters.values()]

        exceptions = lang['exceptions']['types']
        primitives = lang['primitives']
        # A class by its name in the language (every class of an exception's __mro__ must have one), '?' + its
        # __name__ when the definition lacks it.
        named = {resolve(t['python']): n for n, t in exceptions.items()}
        def language_name(cls):
            return named.get(cls, '?' + cls.__name__)
        print(json.dumps({
            'builtins': list(r.BUILTINS),
            'exceptions': list(r.EXCEPTIONS),
            'factories': list(r.FACTORIES),
            'primitives': sorted(r.PRIMITIVES),
            'binary': list(r._BINARY),
            'readable_dunders': sorted(r.READABLE_DUNDERS),
            'special_methods': sorted(r.SPECIAL_METHODS),
            'forbidden_names': sorted(r.FORBIDDEN_NAMES),
            'exception_is_the_named_class': {n: r.EXCEPTIONS.get(n) is resolve(t['python']) for n, t in exceptions.items()},
            'exception_bases': {n: [language_name(b) for b in resolve(t['python']).__bases__ if b is not object] for n, t in exceptions.items()},
            'exception_mro': {n: [language_name(c) for c in resolve(t['python']).__mro__[1:] if c is not object] for n, t in exceptions.items()},
            'factory_is_the_named_callable': {n: r.FACTORIES.get(n) is resolve(p['python']) for n, p in primitives.items()},
            'signatures': {n: signature(resolve(p['python'])) for n, p in primitives.items()},
            'builtins_exist': {n: callable(resolve(b['python'])) for n, b in lang['builtins'].items()},
            'str_methods': sorted(r.STR_METHODS),
            'str_methods_exist': {m: callable(getattr(str, m, None)) for m in lang['str_methods']['methods']},
            'type_names': list(r.TYPE_NAMES),
            'value_builtins': sorted(r.VALUE_BUILTINS),
        }))
        """;

    private static JsonObject? _tables;

    private static LanguageDefinition Language => LanguageDefinition.Current;

    [OneTimeSetUp]
    public async Task Dump_the_runners_tables()
    {
        var python = await PythonInstallation.DiscoverAsync();
        var folder = Path.Combine(AppContext.BaseDirectory, "python");
        var definition = Path.Combine(AppContext.BaseDirectory, "Language", LanguageDefinition.FileName);
        var result = await CliWrap.Cli.Wrap(python.Executable).WithArguments(["-c", Script, folder, definition])
            .WithValidation(CliWrap.CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        _tables = JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    private static string[] Names(string table) => _tables![table]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static Dictionary<string, T> Map<T>(string table) => _tables![table].Deserialize<Dictionary<string, T>>()!;

    [Test]
    public void The_copy_beside_the_runner_is_the_definition()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "Language", LanguageDefinition.FileName);

        Assert.That(File.ReadAllText(copy), Is.EqualTo(LanguageDefinition.ReadEmbedded()));
    }

    [Test]
    public void Builtins_are_the_definitions() =>
        Assert.That(Names("builtins"), Is.EquivalentTo(Language.Builtins.Keys));

    [Test]
    public void Exceptions_are_the_definitions_classes_with_their_bases()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names("exceptions"), Is.EqualTo(Language.Exceptions.Keys));
            Assert.That(Map<bool>("exception_is_the_named_class").Where(kv => !kv.Value).Select(kv => kv.Key), Is.Empty, "EXCEPTIONS maps these to another class than the definition's 'python'");
            Assert.That(Map<string[]>("exception_bases"), Is.EquivalentTo(Language.Exceptions.Values.ToDictionary(e => e.Name, e => e.Bases.ToArray())));
        });
    }

    [Test]
    public void The_definitions_bases_are_cpythons_mro()
    {
        // The one table of the base relation (language.json's bases), which the validator and both interpreters use,
        // walked from each type: exactly CPython's __mro__ (every type has one base, so the walk is the MRO).
        var mro = Map<string[]>("exception_mro");

        Assert.Multiple(() =>
        {
            foreach (var type in Language.Exceptions.Values)
            {
                var walk = new List<string>();
                for (var t = type; t.Bases.Count > 0; t = Language.Exceptions[t.Bases[0]])
                {
                    Assert.That(t.Bases, Has.Count.EqualTo(1), $"{t.Name} has several bases; the walk would not be its MRO");
                    walk.Add(t.Bases[0]);
                }
                Assert.That(walk, Is.EqualTo(mro[type.Name]), $"{type.Python}.__mro__");
            }
        });
    }

    [Test]
    public void Primitives_are_the_definitions_constructed_by_the_named_callables()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names("factories"), Is.EqualTo(Language.Primitives.Keys));
            Assert.That(Names("primitives"), Is.EquivalentTo(Language.Primitives.Keys));
            Assert.That(Map<bool>("factory_is_the_named_callable").Where(kv => !kv.Value).Select(kv => kv.Key), Is.Empty);
        });
    }

    [Test]
    public void Primitive_keywords_and_defaults_are_cpythons()
    {
        var signatures = Map<string[][]>("signatures");

        Assert.Multiple(() =>
        {
            foreach (var p in Language.Primitives.Values)
            {
                Assert.That(signatures[p.Name].Select(s => $"{s[0]}={s[1]}"), Is.EqualTo(p.Keywords.Select(k => $"{k.Name}={k.PythonDefault}")),
                    $"{p.Python}'s signature");
            }
        });
    }

    [Test]
    public void Binary_operators_are_the_definitions() =>
        Assert.That(Names("binary"), Is.EqualTo(Language.Operators.Values.Where(o => o.IsBinary).Select(o => o.Name)));

    [Test]
    public void The_named_python_builtins_exist() =>
        Assert.That(Map<bool>("builtins_exist").Where(kv => !kv.Value).Select(kv => kv.Key), Is.Empty);

    [Test]
    public void Str_methods_type_names_and_value_builtins_are_the_definitions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names("str_methods"), Is.EquivalentTo(Language.StrMethods));
            Assert.That(Map<bool>("str_methods_exist").Where(kv => !kv.Value).Select(kv => kv.Key), Is.Empty, "not methods of CPython's str");
            Assert.That(Names("type_names"), Is.EqualTo(Language.TypeNames));
            Assert.That(Names("value_builtins"), Is.EquivalentTo(Language.Builtins.Values.Where(b => b.IsValue).Select(b => b.Name)));
        });
    }

    [Test]
    public void The_attribute_policy_is_the_definitions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names("readable_dunders"), Is.EquivalentTo(Language.Policy.ReadableDunders));
            Assert.That(Names("special_methods"), Is.EquivalentTo(Language.Policy.SpecialMethods));
            Assert.That(Names("forbidden_names"), Is.EquivalentTo(Language.Policy.ForbiddenNames));
        });
    }
}
