namespace Conformance.Tests.Loading;

/// <summary>Where constructs meet, the validator accepts what CPython runs and locates what it would refuse.</summary>
public sealed class InterplayValidationTests
{
    private const string Head = "description: d.\nfeatures: [x]\n";

    [Test]
    public void A_comprehension_takes_a_target_list_whose_names_are_its_own()
    {
        Assert.DoesNotThrow(() => Yaml.Load(Head + """
            main:
              - set: d
                to: {dict: [[a, 1]]}
              - print: [{list_comp: [$k, $v], for: [k, v], in: {call: d.items}, if: $v}]
              - print: [{dict_comp: [$a, $c], for: [a, [b, c]], in: []}]
            """));
        // The names are the comprehension's: not visible after it, nor in its own iterable.
        Yaml.SingleError(Head + """
            main:
              - print: [{list_comp: $k, for: [k, v], in: []}]
              - print: $v
            """, 5, 5, "'$v' is not defined");
        Yaml.SingleError(Head + """
            main:
              - print: [{list_comp: 1, for: [k, v], in: $k}]
            """, 4, 41, "'$k' is not defined");
    }

    [TestCase("[]", 4, 28, "an empty target list")]
    [TestCase("[a, 1]", 4, 37, "a variable name or a nested target list")]
    [TestCase("[a, a.b]", 4, 37, "'a.b' is not a valid variable name")]
    [TestCase("{x: 1}", 4, 28, "a variable name or a target list [k, v]")]
    public void A_bad_comprehension_target_is_located(string target, int line, int column, string fragment) =>
        Yaml.SingleError(Head + $"main:\n  - print: [{{list_comp: 1, for: {target}, in: []}}]\n", line, column, fragment);

    [Test]
    public void A_str_method_is_callable_on_any_expression_and_others_are_not()
    {
        Assert.DoesNotThrow(() => Yaml.Load(Head + """
            main:
              - print: {call: {attr: upper, of: "abc"}}
              - set: x
                to: 7
              - print: {call: {attr: zfill, of: {format: "{x}"}}, args: [3]}
              - call: {attr: center, of: {call: str, args: [1]}}
                args: [5]
            """));
        Yaml.SingleError(Head + """
            main:
              - print: {call: {attr: title, of: "abc"}}
            """, 4, 20, "unknown method 'title'");
        Yaml.SingleError(Head + """
            main:
              - print: {call: {attr: format, of: "abc"}}
            """, 4, 20, "format");
    }

    [Test]
    public void Del_may_unbind_a_module_variable_the_body_declares_global_or_main_assigns()
    {
        Assert.DoesNotThrow(() => Yaml.Load(Head + """
            globals: {counter: 0}
            functions:
              forget:
                global: [counter]
                steps: [{del: counter}]
            main:
              - del: counter
            """));
        Yaml.SingleError(Head + """
            globals: {counter: 0}
            functions:
              forget:
                steps: [{del: counter}]
            main: [pass]
            """, 6, 14, "or a module variable it declares global");
    }
}
