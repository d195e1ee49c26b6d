namespace Conformance.Tests.Loading;

/// <summary>Defaults, keyword arguments, lambdas, module variables, target lists and yield, as validate checks them.</summary>
public sealed class FunctionRuleTests
{
    private const string Head = """
        description: Rules.
        features: [x]

        """;

    [Test]
    public void A_default_for_an_unknown_parameter_is_an_error()
    {
        Yaml.SingleError(Head + """
            functions:
              f: {params: [a], defaults: {b: 1}, steps: [pass]}
            main: [pass]
            """, 4, 31, "default for unknown parameter 'b'");
    }

    [Test]
    public void A_non_default_parameter_after_a_default_one_is_an_error()
    {
        Yaml.SingleError(Head + """
            functions:
              f: {params: [a, b, c], defaults: {b: 1}, steps: [pass]}
            main: [pass]
            """, 4, 22, "non-default argument 'c' follows default argument 'b'");
    }

    [Test]
    public void A_default_cannot_call_or_read_a_variable()
    {
        Assert.Multiple(() =>
        {
            Yaml.SingleError(Head + """
                functions:
                  f: {params: [a], defaults: {a: {call: len, args: [[]]}}, steps: [pass]}
                main: [pass]
                """, 4, 35, "cannot use 'call'");
            Yaml.SingleError(Head + """
                globals: {g: 1}
                functions:
                  f: {params: [a], defaults: {a: $g}, steps: [pass]}
                main: [pass]
                """, 5, 31, "cannot read the variable '$g'");
        });
    }

    [Test]
    public void Calls_are_bound_with_defaults_and_keywords()
    {
        const string Functions = """
            functions:
              f: {params: [a, b], defaults: {b: 2}, steps: [pass]}

            """;
        Assert.Multiple(() =>
        {
            Assert.That(() => Yaml.Load(Head + Functions + "main: [{call: f, args: [1]}, {call: f, kwargs: {b: 1, a: 2}}, {call: f, args: [1, 2]}]"), Throws.Nothing);
            Yaml.SingleError(Head + Functions + "main: [{call: f, kwargs: {b: 1}}]", 5, 9, "f() missing 1 required positional argument: 'a'");
            Yaml.SingleError(Head + Functions + "main: [{call: f, args: [1, 2, 3]}]", 5, 18, "f() takes 2 positional arguments but 3 were given");
            Yaml.SingleError(Head + Functions + "main: [{call: f, args: [1], kwargs: {c: 3}}]", 5, 38, "f() got an unexpected keyword argument 'c'");
            Yaml.SingleError(Head + Functions + "main: [{call: f, args: [1], kwargs: {a: 3}}]", 5, 38, "f() got multiple values for argument 'a'");
        });
    }

    [Test]
    public void A_method_call_on_an_object_of_known_class_is_bound_too()
    {
        Yaml.SingleError(Head + """
            classes:
              C: {methods: {m: {params: [x], steps: [pass]}}}
            main:
              - set: c
                to: {new: C}
              - call: c.m
                kwargs: {y: 1}
            """, 9, 14, "C.m() got an unexpected keyword argument 'y'");
    }

    [Test]
    public void Global_names_must_be_module_variables_and_not_parameters()
    {
        Assert.Multiple(() =>
        {
            Yaml.SingleError(Head + """
                globals: {counter: 0}
                functions:
                  f: {global: [countr], steps: [pass]}
                main: [pass]
                """, 5, 16, "'countr' is not a module variable; did you mean 'counter'?");
            Yaml.SingleError(Head + """
                globals: {counter: 0}
                functions:
                  f: {params: [counter], global: [counter], steps: [pass]}
                main: [pass]
                """, 5, 35, "name 'counter' is parameter and global");
        });
    }

    [Test]
    public void A_function_that_binds_a_module_variable_must_declare_it_global()
    {
        Assert.Multiple(() =>
        {
            Yaml.SingleError(Head + """
                globals: {counter: 0}
                functions:
                  f: {steps: [{set: counter, to: 1}]}
                main: [pass]
                """, 5, 7, "binds 'counter', a module variable, without declaring it global");
            Assert.That(() => Yaml.Load(Head + """
                globals: {counter: 0}
                functions:
                  f: {global: [counter], steps: [{set: counter, to: {add: [$counter, 1]}}]}
                  g: {steps: [{return: $counter}]}
                main: [{set: counter, to: 5}, {call: f}]
                """), Throws.Nothing);
        });
    }

    [Test]
    public void Target_lists_hold_names_and_bind_them()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Yaml.Load(Head + """
                main:
                  - set: [a, [b, c]]
                    to: [1, [2, 3]]
                  - for: [k, v]
                    in: [[1, 2]]
                    do: [{print: [$a, $b, $c, $k, $v]}]
                """), Throws.Nothing);
            Yaml.SingleError(Head + "main: [{set: [a, x.y], to: [1, 2]}]", 3, 18, "'x.y' is not a valid variable name");
            Yaml.SingleError(Head + "main: [{set: [], to: []}]", 3, 9, "an empty target list");
        });
    }

    [Test]
    public void Yield_is_only_allowed_in_functions()
    {
        Yaml.SingleError(Head + "main: [{yield: 1}]", 3, 9, "'yield' outside function");
    }

    [Test]
    public void A_lambda_sees_its_params_and_the_enclosing_names_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Yaml.Load(Head + """
                main:
                  - set: k
                    to: 1
                  - set: f
                    to: {lambda: {add: [$x, $k]}, params: [x]}
                  - print: {call: f, args: [1]}
                """), Throws.Nothing);
            Yaml.SingleError(Head + "main: [{print: {lambda: $y, params: [x]}}]", 3, 17, "'$y' is not defined");
        });
    }
}
