namespace Conformance.Tests.Loading;

/// <summary>
/// A scenario cannot reach the interpreter's internals: the escape through <c>__subclasses__</c> to <c>os.system</c>
/// and its variations are each a located validation error (the run-time side is in Running/NoCodeFromDataTests).
/// </summary>
public sealed class SafetyRuleTests
{
    private const string Head = """
        description: Tries to leave the language.
        features: [x]

        """;

    /// <summary>The escape as reported: every step of it is refused, each at its own position.</summary>
    [Test]
    public void The_subclasses_escape_to_os_system_is_refused_at_each_step()
    {
        var errors = Yaml.Errors(Head + """
            main:
              - set: base
                to: {attr: __base__, of: {attr: __class__, of: "x"}}
              - set: subs
                to: {call: base.__subclasses__}
              - for: c
                in: $subs
                do:
                  - if: {eq: [{attr: __name__, of: $c}, _wrap_close]}
                    then:
                      - set: g
                        to: {attr: __globals__, of: {attr: __init__, of: $c}}
                      - set: run
                        to: {index: system, of: $g}
                      - call: run
                        args: ["touch /tmp/conformance-escaped"]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:5:10: ").And.Contain("attribute '__base__' is not part of the scenario language"));
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:7:10: ").And.Contain("method '__subclasses__' is not part of the scenario language"));
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:14:18: ").And.Contain("attribute '__globals__'"));
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:14:42: ").And.Contain("attribute '__init__'"));
            Assert.That(errors, Has.Count.EqualTo(4), string.Join('\n', errors));
        });
    }

    [TestCase("__globals__", "{attr: __globals__, of: $f}")]
    [TestCase("__builtins__", "{attr: __builtins__, of: $f}")]
    [TestCase("__dict__", "{attr: __dict__, of: {new: Box}}")]
    [TestCase("__code__", "$f.__code__")]
    [TestCase("__mro__", "{attr: __mro__, of: {attr: __class__, of: 1}}")]
    [TestCase("__traceback__", "{format: '{e.__traceback__}'}")]
    [TestCase("gi_frame", "{attr: gi_frame, of: $f}")]
    [TestCase("f_globals", "$f.f_globals")]
    [TestCase("format", "{attr: format, of: 'x'}")]
    public void Reading_an_internal_attribute_is_a_located_error(string name, string value)
    {
        var errors = Yaml.Errors(Head + $$"""
            functions:
              f: {steps: [pass]}
            classes:
              Box: {fields: []}
            main:
              - set: e
                to: 1
              - print: {{value}}
            """);

        Assert.That(errors, Has.Count.EqualTo(1), string.Join('\n', errors));
        Assert.That(errors[0], Does.StartWith($"{Yaml.File}:10:").And.Contain($"'{name}' is not part of the scenario language"));
    }

    [Test]
    public void Calling_an_internal_method_is_refused_even_on_a_user_object()
    {
        Yaml.SingleError(Head + """
            classes:
              Box: {fields: []}
            main:
              - set: b
                to: {new: Box}
              - call: b.__reduce_ex__
                args: [2]
            """, 8, 5, "method '__reduce_ex__' is not part of the scenario language");
    }

    [Test]
    public void Str_format_cannot_be_called_it_walks_attributes_itself()
    {
        Yaml.SingleError(Head + """
            main:
              - set: s
                to: "{0.__class__.__base__}"
              - print: {call: s.format, args: [1]}
            """, 6, 13, "method 'format' is not part of the scenario language");
    }

    [Test]
    public void A_computed_attribute_name_is_not_an_attribute_name()
    {
        Yaml.SingleError(Head + """
            main:
              - set: n
                to: __glo
              - print: {attr: {add: [$n, bals__]}, of: 1}
            """, 6, 13, "expected an attribute name");
    }

    [Test]
    public void A_built_in_function_is_not_a_value()
    {
        Yaml.SingleError(Head + """
            main:
              - set: r
                to: $repr
            """, 5, 5, "'$repr' is a built-in function; it can be called ({call: repr}) but is not a value");
    }

    [Test]
    public void A_user_class_cannot_name_a_field_or_method_that_reaches_internals()
    {
        var errors = Yaml.Errors(Head + """
            classes:
              Sneaky:
                fields: [_popen, ok]
                methods:
                  __getattr__: {params: [n], steps: [pass]}
                  __call__: {steps: [pass]}
                  fget: {steps: [pass]}
            main: [pass]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:5:14: ").And.Contain("field '_popen' is not part of the scenario language"));
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:7:7: ").And.Contain("method '__getattr__'").And.Contain("only __call__, __str__, __repr__ are allowed"));
            Assert.That(errors, Has.Some.StartWith($"{Yaml.File}:9:7: ").And.Contain("method 'fget'"));
            Assert.That(errors, Has.Count.EqualTo(3), string.Join('\n', errors));
        });
    }

    [Test]
    public void Setting_an_underscore_attribute_is_refused()
    {
        Yaml.SingleError(Head + """
            classes:
              Box: {fields: []}
            main:
              - set: b
                to: {new: Box}
              - set: b.__class__
                to: 1
            """, 8, 5, "attribute '__class__' is not part of the scenario language");
    }

    [Test]
    public void An_attribute_nothing_declares_is_an_error_with_a_suggestion()
    {
        Yaml.SingleError(Head + """
            classes:
              Box: {fields: [value]}
            main:
              - set: b
                to: {new: Box, args: [1]}
              - print: $b.valeu
            """, 8, 5, "'valeu' is not an attribute a scenario can read; did you mean 'value'?");
    }

    [Test]
    public void The_language_own_attributes_stay_readable()
    {
        Assert.That(() => Yaml.Load(Head + """
            functions:
              f: {steps: [pass]}
            classes:
              Box: {fields: [value]}
            main:
              - set: b
                to: {new: Box, args: [1]}
              - set: b.extra
                to: 2
              - set: p
                to: {new: Process, kwargs: {target: $f}}
              - print: [$b.value, $b.extra, $p.name, $p.exitcode, $p.daemon, $f.__name__]
              - print: {attr: __name__, of: {attr: __class__, of: $b}}
              - print: {format: "{p.pid} {b.__class__.__name__}"}
            """), Throws.Nothing);
    }
}
