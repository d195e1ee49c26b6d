namespace Conformance.Tests.Loading;

/// <summary>The validator's rules for exceptions: raise's forms, exception classes, and the built-ins written with their module.</summary>
public sealed class ExceptionRuleTests
{
    private const string Head = """
        description: Rules.
        features: [x]

        """;

    [Test]
    public void Every_form_of_raise_and_an_exception_class_load()
    {
        Assert.That(() => Yaml.Load(Head + """
            classes:
              MyError: {base: LookupError}
            main:
              - try: [{raise: MyError, args: [1, 2]}]
                except:
                  - type: LookupError
                    as: e
                    do:
                      - raise: RuntimeError
                        message: wrapped
                        from: $e
              - try: [raise]
                finally: [{raise: $made}]
              - set: made
                to: {new: multiprocessing.TimeoutError, args: [slow]}
              - print: [{attr: __cause__, of: $made}, {attr: code, of: $made}, {call: os.getpid}, {call: time.monotonic}]
              - call: sys.exit
                args: [3]
            """), Throws.Nothing);
    }

    [Test]
    public void An_unknown_exception_type_is_located() =>
        Yaml.SingleError(Head + "main: [{raise: NoSuchError}]\n", 3, 9, "unknown exception type 'NoSuchError'");

    [Test]
    public void A_class_that_is_no_exception_class_is_not_an_exception_type() =>
        Yaml.SingleError(Head + """
            classes:
              Box: {fields: [v]}
            main:
              - try: [pass]
                except: [{type: Box, do: [pass]}]
            """, 7, 15, "class 'Box' is not an exception class");

    [Test]
    public void Raising_a_value_takes_no_message() =>
        Yaml.SingleError(Head + """
            main:
              - set: e
                to: {new: ValueError}
              - raise: $e
                message: again
            """, 7, 5, "raise: $e raises the value as it is; 'message' is only for raise: T");

    [Test]
    public void Message_and_args_are_exclusive() =>
        Yaml.SingleError(Head + """
            main:
              - raise: ValueError
                message: a
                args: [b]
            """, 6, 5, "takes 'message' (one argument) or 'args' (a list of arguments), not both");

    [Test]
    public void A_base_is_Process_or_an_exception_type() =>
        Yaml.SingleError(Head + """
            classes:
              Widget: {base: Gadget}
            main: [pass]
            """, 4, 12, "base 'Gadget' is not supported; expected 'Process' or an exception type");

    [Test]
    public void An_exception_class_has_no_fields() =>
        Yaml.SingleError(Head + """
            classes:
              MyError: {base: ValueError, fields: [code]}
            main: [pass]
            """, 4, 31, "an exception class (base: ValueError) takes no 'fields'");

    [Test]
    public void An_exception_value_takes_no_keywords() =>
        Yaml.SingleError(Head + "main: [{set: e, to: {new: ValueError, kwargs: {message: m}}}]\n", 3, 39, "ValueError() takes no keyword arguments");

    [TestCase("main: [{set: sys, to: 1}]", 3, 9)]
    [TestCase("main: [{for: os, in: [1], do: [pass]}]", 3, 9)]
    [TestCase("functions:\n  f: {params: [time], steps: [pass]}\nmain: [pass]", 4, 16)]
    public void The_modules_of_built_ins_are_not_variable_names(string body, int line, int column) =>
        Yaml.SingleError(Head + body + "\n", line, column, "is the module of built-ins");

    [TestCase("main: [{call: sys.exit, args: [1, 2]}]", 3, 25, "sys.exit() takes 0 to 1 positional argument, found 2")]
    [TestCase("main: [{call: os.getpid, args: [1]}]", 3, 26, "os.getpid() takes 0 positional arguments, found 1")]
    [TestCase("main: [{call: time.monotonic, kwargs: {x: 1}}]", 3, 40, "unknown keyword 'x' for time.monotonic(); it takes no keyword arguments")]
    [TestCase("main: [{call: sys.exitt}]", 3, 9, "unknown built-in 'sys.exitt'; did you mean 'sys.exit'?")]
    public void Module_built_ins_are_checked(string body, int line, int column, string fragment) =>
        Yaml.SingleError(Head + body + "\n", line, column, fragment);

    [Test]
    public void Other_dunders_of_an_exception_stay_refused() =>
        Yaml.SingleError(Head + """
            main:
              - try: [{raise: ValueError}]
                except: [{type: ValueError, as: e, do: [{print: {attr: __traceback__, of: $e}}]}]
            """, 5, 54, "attribute '__traceback__' is not part of the scenario language");
}
