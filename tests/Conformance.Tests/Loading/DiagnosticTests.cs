namespace Conformance.Tests.Loading;

public sealed class DiagnosticTests
{
    [Test]
    public void Yaml_syntax_error_is_reported_at_the_parser_mark()
    {
        Yaml.SingleError("""
            description: Broken.
            features: [Queue
            main: [pass]
            """, 3, 1, "YAML syntax error");
    }

    [Test]
    public void Duplicate_key_is_reported()
    {
        Yaml.SingleError("""
            description: Twice.
            features: [x]
            main: [pass]
            main: [pass]
            """, 4, 1, "duplicate key 'main'");
    }

    [Test]
    public void Unknown_top_level_key_lists_the_expected_keys()
    {
        Yaml.SingleError("""
            description: Typo.
            features: [x]
            mian: [pass]
            main: [pass]
            """, 3, 1, "unknown key 'mian' in the scenario's top level; expected one of: description, features");
    }

    [Test]
    public void Missing_description_is_reported_at_the_root()
    {
        Yaml.SingleError("""
            features: [x]
            main: [pass]
            """, 1, 1, "missing key 'description' in the scenario's top level");
    }

    [Test]
    public void Unknown_step_key_is_reported_at_the_key_with_the_missing_one()
    {
        var errors = Yaml.Errors("""
            description: Step typo.
            features: [x]
            main:
              - set: x
                too: 1
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "scenarios/x.yaml:4:5: missing key 'to' in a 'set' step",
            "scenarios/x.yaml:5:5: unknown key 'too' in a 'set' step; expected one of: set, to; did you mean 'to'?",
        }));
    }

    [Test]
    public void Yaml_mapping_error_is_reported_with_the_parser_message()
    {
        Yaml.SingleError("""
            description: Broken.
            features: [x]
            main: a: b
            """, 3, 8, "YAML syntax error");
    }

    [Test]
    public void Step_without_a_kind_suggests_one()
    {
        Yaml.SingleError("""
            description: Step typo.
            features: [x]
            main:
              - sett: x
            """, 4, 5, "did you mean 'set'?");
    }

    [Test]
    public void Undefined_variable_suggests_the_nearest_name()
    {
        Yaml.SingleError("""
            description: Undefined.
            features: [Queue]
            main:
              - set: queue
                to: {new: Queue}
              - call: queue.put
                args: [$queu]
            """, 7, 12, "'$queu' is not defined; did you mean '$queue'?");
    }

    [Test]
    public void Undefined_format_placeholder_is_reported()
    {
        Yaml.SingleError("""
            description: Undefined.
            features: [print]
            main:
              - set: name
                to: x
              - print: {format: "hello {nmae.upper}"}
            """, 6, 13, "'{nmae.upper}' is not defined; did you mean '{name.upper}'?");
    }

    [Test]
    public void Names_bound_later_in_the_body_are_in_scope_as_in_python()
    {
        Assert.That(() => Yaml.Load("""
            description: Loop variable used before its binding line.
            features: [print]
            main:
              - set: n
                to: 0
              - while: {lt: [$n, 3]}
                do:
                  - if: {gt: [$n, 0]}
                    then: [{print: $last}]
                  - set: last
                    to: $n
                  - set: n
                    to: {add: [$n, 1]}
            """), Throws.Nothing);
    }

    [Test]
    public void Unknown_method_for_a_statically_known_type_lists_its_methods()
    {
        Yaml.SingleError("""
            description: Bad method.
            features: [Queue]
            main:
              - set: q
                to: {new: Queue}
              - call: q.gett
            """, 6, 5, "unknown method 'gett' for a Queue; did you mean 'get'?");
    }

    [Test]
    public void Unknown_method_for_an_unknown_type_is_reported()
    {
        Yaml.SingleError("""
            description: Bad method.
            features: [Queue]
            functions:
              f:
                params: [q]
                steps: [{call: q.frobnicate}]
            main: [pass]
            """, 6, 14, "unknown method 'frobnicate'");
    }

    [Test]
    public void Bad_process_kwarg_lists_cpython_keywords()
    {
        Yaml.SingleError("""
            description: Bad kwarg.
            features: [Process]
            functions:
              work: {steps: [pass]}
            main:
              - set: p
                to: {new: Process, kwargs: {tagret: $work}}
            """, 7, 33, "unknown key 'tagret' in a Process constructor; expected one of: group, target, name, args, kwargs, daemon");
    }

    [Test]
    public void User_class_constructor_argument_count_is_checked()
    {
        Yaml.SingleError("""
            description: Arity.
            features: [classes]
            classes:
              Task:
                fields: [a, b]
            main:
              - set: t
                to: {new: Task, args: [1]}
            """, 8, 21, "Task(a, b) takes 2 arguments, found 1; missing: b");
    }

    [Test]
    public void Unknown_exception_type_is_reported()
    {
        Yaml.SingleError("""
            description: Exceptions.
            features: [try]
            main:
              - try: [pass]
                except:
                  - type: QueueEmpty
                    do: [pass]
            """, 6, 9, "unknown exception type 'QueueEmpty'");
    }

    [Test]
    public void Wrong_type_says_what_was_expected_and_found()
    {
        Yaml.SingleError("""
            description: Types.
            features: [x]
            main: do things
            """, 3, 1, "expected a list of steps, found a string");
    }

    [Test]
    public void Bad_regex_in_output_is_located()
    {
        Yaml.SingleError("""
            description: Regex.
            features: [x]
            main: [pass]
            output:
              scrub:
                - regex: 'Consumer-(\d+'
                  replace: Consumer-N
            """, 6, 7, "bad regular expression 'Consumer-(\\d+'");
    }

    [Test]
    public void Bad_regex_in_an_invariant_is_located()
    {
        Yaml.SingleError("""
            description: Regex.
            features: [print]
            main: [{print: hi}]
            invariants:
              - name: prints
                count: {of: {ev: print, text: '[hi'}, equals: 1}
            """, 6, 29, "bad regular expression '[hi'");
    }

    [Test]
    public void Selector_that_can_never_match_names_the_possible_processes()
    {
        Yaml.SingleError("""
            description: Never.
            features: [Process]
            classes:
              Consumer:
                base: Process
                methods:
                  run: {steps: [pass]}
            main:
              - set: c
                to: {new: Consumer}
              - call: c.start
            invariants:
              - name: consumer-begins
                count: {of: {process: 'Consumr-*', ev: begin}, equals: 1}
            """, 14, 18, "selector can never match: no process can be named 'Consumr-*'; possible names: main (MainProcess), Consumer-*");
    }

    [Test]
    public void Selector_with_unknown_label_is_reported()
    {
        Yaml.SingleError("""
            description: Labels.
            features: [Lock]
            main:
              - set: lock
                to: {new: Lock}
            invariants:
              - name: locked
                count: {of: {obj: lokc, op: acquire}, at_least: 1}
            """, 8, 18, "no object is labelled 'lokc'; did you mean 'lock'?");
    }

    [Test]
    public void Max_elapsed_needs_from_to_and_seconds_that_are_not_negative()
    {
        var errors = Yaml.Errors("""
            description: Bounds.
            features: [print]
            main: [{print: hi}]
            invariants:
              - name: quick
                max_elapsed: {from: {ev: print}, seconds: -1, too: 1}
              - name: quicker
                max_elapsed: {from: {ev: print}, to: {ev: print}, seconds: soon}
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "scenarios/x.yaml:6:5: missing key 'to' in a 'max_elapsed' invariant",
            "scenarios/x.yaml:6:38: seconds must not be negative",
            "scenarios/x.yaml:6:51: unknown key 'too' in a 'max_elapsed' invariant; expected one of: from, to, seconds; did you mean 'to'?",
            "scenarios/x.yaml:8:55: expected a number of seconds, found a string",
        }));
    }

    [Test]
    public void A_machine_value_that_is_not_a_whole_number_is_located_wherever_it_is()
    {
        // Once found by the scenario fuzzer: 1.5 inside an operation passed validation and broke the invariant later.
        var errors = Yaml.Errors("""
            description: Machine values.
            features: [print]
            main: [{print: hi}]
            invariants:
              - name: few
                count: {of: {ev: print}, at_most: {mul: [$cpu_count, 1.5]}}
            output:
              scrub: [{value: {add: [2.5, 1]}, token: N}]
            """);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "scenarios/x.yaml:6:58: a machine value is a whole number, found 1.5",
            "scenarios/x.yaml:8:26: a machine value is a whole number, found 2.5",
        }));
    }

    [Test]
    public void Duplicate_invariant_name_is_reported_at_the_second()
    {
        Yaml.SingleError("""
            description: Names.
            features: [print]
            main: [{print: hi}]
            invariants:
              - name: once
                count: {of: {ev: print}, equals: 1}
              - name: once
                count: {of: {ev: print}, at_most: 1}
            """, 7, 5, "duplicate invariant name 'once'");
    }

    [Test]
    public void Break_outside_a_loop_is_reported()
    {
        Yaml.SingleError("""
            description: Break.
            features: [x]
            main: [break]
            """, 3, 8, "'break' outside a loop");
    }

    [Test]
    public void Bad_format_braces_are_reported()
    {
        Yaml.SingleError("""
            description: Braces.
            features: [print]
            main: [{print: {format: "a } b"}}]
            """, 3, 17, "single '}'");
    }

    [Test]
    public void Every_problem_in_a_file_is_reported_in_order()
    {
        var errors = Yaml.Errors("""
            description: Many.
            features: []
            extra: 1
            main:
              - set: q
                to: {new: Queu}
              - print: $undefined
            invariants:
              - name: Not-Kebab
                count: {of: {ev: prnt}, equals: 1}
            """);

        Assert.That(errors, Has.Count.EqualTo(6), string.Join('\n', errors));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0], Does.StartWith("scenarios/x.yaml:2:1: expected a non-empty list of feature names, found an empty list"));
            Assert.That(errors[1], Does.StartWith("scenarios/x.yaml:3:1: unknown key 'extra'"));
            Assert.That(errors[2], Does.StartWith("scenarios/x.yaml:6:10: unknown type 'Queu'; did you mean 'Queue'?"));
            Assert.That(errors[3], Does.StartWith("scenarios/x.yaml:7:5: '$undefined' is not defined"));
            Assert.That(errors[4], Does.StartWith("scenarios/x.yaml:9:5: invariant name 'Not-Kebab' is not kebab-case"));
            Assert.That(errors[5], Does.StartWith("scenarios/x.yaml:10:18: unknown event kind 'prnt'; did you mean 'print'?"));
        });
    }

    [Test]
    public void Exception_message_has_one_diagnostic_per_line()
    {
        var e = Assert.Throws<Conformance.Harness.Scenarios.ScenarioValidationException>(() => Yaml.Load("""
            main: 3
            """))!;

        Assert.That(e.Message.Split('\n'), Has.Length.EqualTo(e.Diagnostics.Count));
        Assert.That(e.Diagnostics, Has.Count.EqualTo(3));
    }
}
