namespace Conformance.Tests.Loading;

/// <summary>Rules beyond shapes: scopes, arities, machine values, and what selectors can match.</summary>
public sealed class LanguageRuleTests
{
    private const string Head = """
        description: Rules.
        features: [x]

        """;

    [Test]
    public void Functions_do_not_see_names_bound_in_main()
    {
        Yaml.SingleError(Head + """
            functions:
              f: {steps: [{print: $shared}]}
            main:
              - set: shared
                to: 1
              - call: f
            """, 4, 16, "'$shared' is not defined");
    }

    [Test]
    public void Methods_see_self_and_module_names_but_not_other_methods_locals()
    {
        Assert.That(() => Yaml.Load(Head + """
            functions:
              helper: {params: [v], steps: [{return: $v}]}
            classes:
              Box:
                fields: [v]
                methods:
                  show: {steps: [{print: {call: helper, args: [$self.v]}}]}
            main:
              - set: b
                to: {new: Box, args: [1]}
              - call: b.show
            """), Throws.Nothing);
    }

    [Test]
    public void Function_call_arity_is_checked()
    {
        Yaml.SingleError(Head + """
            functions:
              f: {params: [a, b], steps: [pass]}
            main: [{call: f, args: [1]}]
            """, 5, 9, "f() missing 1 required positional argument: 'b'; expected 2 arguments (a, b)");
    }

    [Test]
    public void Primitive_without_keywords_takes_no_arguments()
    {
        Yaml.SingleError(Head + """
            main: [{set: e, to: {new: Event, args: [1]}}]
            """, 3, 34, "Event() takes no arguments");
    }

    [Test]
    public void Return_is_only_allowed_in_functions()
    {
        Yaml.SingleError(Head + """
            main: [{return: 1}]
            """, 3, 9, "'return' outside a function");
    }

    [Test]
    public void Class_names_must_not_shadow_primitives()
    {
        Yaml.SingleError(Head + """
            classes:
              Queue: {fields: [a]}
            main: [pass]
            """, 4, 3, "class 'Queue' shadows a built-in or primitive name");
    }

    [Test]
    public void Base_other_than_process_is_rejected()
    {
        Yaml.SingleError(Head + """
            classes:
              Worker: {base: Thread}
            main: [pass]
            """, 4, 12, "base 'Thread' is not supported");
    }

    [Test]
    public void A_map_expression_needs_exactly_one_operator()
    {
        Yaml.SingleError(Head + """
            main: [{print: {add: [1, 2], mul: [3, 4]}}]
            """, 3, 9, "a map value needs exactly one operator key");
    }

    [Test]
    public void Call_modifiers_are_not_allowed_on_other_operators()
    {
        Yaml.SingleError(Head + """
            main: [{print: {not: true, args: [1]}}]
            """, 3, 28, "unknown key 'args' in a 'not' expression; expected one of: not");
    }

    [Test]
    public void Machine_values_only_use_numbers_cpu_count_and_four_operators()
    {
        Yaml.SingleError(Head + """
            main: [pass]
            output:
              scrub:
                - value: {div: [$cpu_count, 2]}
                  token: Half
            """, 6, 7, "a machine value may only use numbers, $cpu_count and add, sub, mul, floordiv");
    }

    [Test]
    public void Process_names_from_format_become_globs()
    {
        Assert.That(() => Yaml.Load(Head + """
            functions:
              work: {steps: [pass]}
            main:
              - for: i
                in: {call: range, args: [2]}
                do:
                  - set: p
                    to: {new: Process, kwargs: {target: $work, name: {format: "worker-{i}"}}}
                  - call: p.start
            invariants:
              - name: workers-begin
                count: {of: {process: 'worker-1', ev: begin}, equals: 1}
            """), Throws.Nothing);
    }

    [Test]
    public void Named_processes_do_not_match_the_default_process_glob()
    {
        Yaml.SingleError(Head + """
            functions:
              work: {steps: [pass]}
            main:
              - set: p
                to: {new: Process, kwargs: {target: $work, name: Worker}}
            invariants:
              - name: begins
                count: {of: {process: 'Process-*', ev: begin}, equals: 1}
            """, 10, 18, "possible names: main (MainProcess), Worker");
    }

    [Test]
    public void Pool_and_manager_processes_are_possible_names()
    {
        Assert.That(() => Yaml.Load(Head + """
            functions:
              f: {params: [x], steps: [{return: $x}]}
            main:
              - with: {new: Manager}
                as: m
                do:
                  - set: d
                    to: {call: m.dict}
              - with: {new: Pool, args: [2]}
                as: pool
                do:
                  - print: {call: pool.map, args: [$f, [1, 2]]}
            invariants:
              - name: workers
                count: {of: {process: 'SpawnPoolWorker-*', ev: begin}, at_least: 0}
              - name: manager-serves
                count: {of: {process: 'SyncManager-*'}, at_least: 0}
              - name: dict-made
                count: {of: {obj: d}, at_least: 0}
            """), Throws.Nothing);
    }

    [Test]
    public void Unknown_op_in_a_selector_is_reported()
    {
        Yaml.SingleError(Head + """
            main: [{set: q, to: {new: Queue}}]
            invariants:
              - name: gets
                count: {of: {obj: q, op: [put, gte]}, equals: 1}
            """, 6, 36, "'gte' is not a method of any traced object; did you mean 'get'?");
    }

    [Test]
    public void Exactly_once_needs_a_capturing_text_regex()
    {
        Yaml.SingleError(Head + """
            main: [{print: 1}]
            invariants:
              - name: once
                exactly_once: {of: {ev: print, text: '^\d$'}, capture: 1, values: ['1']}
            """, 6, 51, "capture group 1 does not exist");
    }

    [Test]
    public void Unquoted_result_is_a_boolean_and_rejected()
    {
        Yaml.SingleError(Head + """
            main: [{set: e, to: {new: Event}}]
            invariants:
              - name: waited
                count: {of: {obj: e, op: wait, result: True}, equals: 1}
            """, 6, 36, "expected the exact repr of a return value, quoted (e.g. 'True'), found a boolean");
    }

    [Test]
    public void Tutorial_must_be_a_quoted_section()
    {
        Yaml.SingleError("""
            description: T.
            features: [x]
            tutorial: 1
            main: [pass]
            """, 3, 1, "expected a quoted tutorial section");
    }

    [Test]
    public void Exactly_once_values_may_be_a_range_whose_ends_are_machine_values()
    {
        Assert.That(() => Yaml.Load(Head + """
            main:
              - print: {format: "item 1"}
            invariants:
              - name: each-once
                exactly_once: {of: {ev: print, text: '^item (\d+)$'}, values: {range: [1, {mul: [$cpu_count, 2]}]}}
            """), Throws.Nothing);
    }

    [Test]
    public void Exactly_once_range_takes_one_or_two_ends()
    {
        Yaml.SingleError(Head + """
            main:
              - print: {format: "item 1"}
            invariants:
              - name: each-once
                exactly_once: {of: {ev: print, text: '^item (\d+)$'}, values: {range: [1, 2, 3]}}
            """, 7, 68, "expected [stop] or [start, stop], found 3 items");
    }
}
