namespace Conformance.Tests.Loading;

/// <summary>The validator's checks of in/not_in, pow, neg, slice, cond, comprehensions, method callees, expr, del and print sep.</summary>
public sealed class ExpressionRuleTests
{
    private const string Head = """
        description: Rules.
        features: [x]

        """;

    [Test]
    public void A_comprehension_may_use_in_as_its_key_and_its_variable_inside_only()
    {
        Assert.That(() => Yaml.Load(Head + """
            main:
              - print: {list_comp: {mul: [$x, 2]}, for: x, in: [1, 2], if: {gt: [$x, 1]}}
              - print: {dict_comp: [$k, {in: [$k, abc]}], for: k, in: abc}
            """), Throws.Nothing);
        Yaml.SingleError(Head + """
            main:
              - print: {list_comp: $x, for: x, in: [1]}
              - print: $x
            """, 5, 5, "'$x' is not defined");
    }

    [Test]
    public void The_comprehension_variable_is_not_visible_in_its_own_iterable()
    {
        Yaml.SingleError(Head + """
            main:
              - print: {list_comp: $x, for: x, in: $x}
            """, 4, 36, "'$x' is not defined");
    }

    [Test]
    public void A_comprehension_needs_a_name_an_iterable_and_a_pair_for_dict_comp()
    {
        Yaml.SingleError(Head + """
            main:
              - print: {list_comp: 1, for: 2, in: []}
            """, 4, 27, "expected a variable name or a target list [k, v], found a number");
        Yaml.SingleError(Head + """
            main:
              - print: {list_comp: 1, for: x}
            """, 4, 5, "missing key 'in' in a 'list_comp' expression");
        Yaml.SingleError(Head + """
            main:
              - print: {dict_comp: [1], for: x, in: []}
            """, 4, 13, "expected a [key, value] pair, found a list of 1 items");
    }

    [Test]
    public void Binary_membership_and_power_take_exactly_two_operands()
    {
        Yaml.SingleError(Head + """
            main: [{print: {in: [1]}}]
            """, 3, 17, "'in' takes exactly two operands, found 1");
        Yaml.SingleError(Head + """
            main: [{print: {pow: [1, 2, 3]}}]
            """, 3, 17, "'pow' takes exactly two operands, found 3");
    }

    [Test]
    public void Cond_needs_both_branches_and_slice_only_its_bounds()
    {
        Yaml.SingleError(Head + """
            main: [{print: {cond: true, then: 1}}]
            """, 3, 9, "missing key 'else' in a 'cond' expression");
        Yaml.SingleError(Head + """
            main: [{print: {slice: [1], start: 0, end: 1}}]
            """, 3, 39, "unknown key 'end' in a 'slice' expression");
    }

    [Test]
    public void A_method_callee_is_checked_like_obj_method()
    {
        Assert.That(() => Yaml.Load(Head + """
            main: [{print: {call: {attr: get_value, of: {new: Semaphore, args: [3]}}}}]
            """), Throws.Nothing);
        Yaml.SingleError(Head + """
            main: [{print: {call: {attr: put, of: {new: Semaphore}}}}]
            """, 3, 24, "unknown method 'put' for a Semaphore");
        Yaml.SingleError(Head + """
            main: [{call: {attr: __globals__, of: [1]}}]
            """, 3, 16, "method '__globals__' is not part of the scenario language");
        Yaml.SingleError(Head + """
            main: [{call: {attr: count, of: [1], extra: 1}}]
            """, 3, 38, "unknown key 'extra' in a method callee");
    }

    [Test]
    public void Del_takes_a_local_name_an_item_a_slice_or_a_declared_attribute()
    {
        Assert.That(() => Yaml.Load(Head + """
            classes:
              P: {fields: [x]}
            main:
              - set: p
                to: {new: P, args: [1]}
              - del: {attr: x, of: $p}
              - del: {index: 0, of: [1]}
              - del: {slice: [1], stop: 1}
              - del: p
            """), Throws.Nothing);
        Yaml.SingleError(Head + """
            main: [{del: nowhere}]
            """, 3, 9, "'nowhere' is not defined");
        Yaml.SingleError(Head + """
            main: [{del: len}]
            """, 3, 9, "'len' is not a variable of this body");
        Yaml.SingleError(Head + """
            main: [{del: {attr: never_set, of: [1]}}]
            """, 3, 15, "'never_set' is not an attribute this document gives objects");
        Yaml.SingleError(Head + """
            main: [{del: {attr: __dict__, of: [1]}}]
            """, 3, 15, "attribute '__dict__' is not part of the scenario language");
        Yaml.SingleError(Head + """
            main: [{del: 5}]
            """, 3, 9, "expected a variable name, {index: k, of: v}");
    }

    [Test]
    public void Expr_and_print_sep_are_values()
    {
        Yaml.SingleError(Head + """
            main: [{expr: $nope}]
            """, 3, 9, "'$nope' is not defined");
        Yaml.SingleError(Head + """
            main: [{print: 1, sep: $nope}]
            """, 3, 19, "'$nope' is not defined");
    }
}
