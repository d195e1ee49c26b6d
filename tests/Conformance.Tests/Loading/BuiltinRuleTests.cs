namespace Conformance.Tests.Loading;

/// <summary>The validator's rules for built-in calls, {type: T}, {builtin: f}, str methods and format specs: each mistake is one located error.</summary>
public sealed class BuiltinRuleTests
{
    private const string Head = """
        description: Rules.
        features: [x]
        main:

        """;

    [TestCase("{call: len, args: [1, 2]}", 6, 24, "len() takes 1 positional argument, found 2")]
    [TestCase("{call: getattr, args: [1]}", 6, 28, "getattr() takes 2 to 3 positional arguments, found 1")]
    [TestCase("{call: max}", 6, 13, "max() takes at least 1 positional argument, found 0")]
    [TestCase("{call: sorted, args: [[1]], kwargs: {keys: 1}}", 6, 49, "unknown keyword 'keys' for sorted(); did you mean 'key'?")]
    [TestCase("{call: abs, args: [1], kwargs: {x: 1}}", 6, 44, "unknown keyword 'x' for abs(); it takes no keyword arguments")]
    [TestCase("{call: getattr, args: [1, $n]}", 6, 38, "the attribute name of getattr() must be a string literal, found the reference '$n'")]
    [TestCase("{call: hasattr, args: [1, __globals__]}", 6, 38, "attribute '__globals__' is not part of the scenario language")]
    [TestCase("{call: getattr, args: [1, nosuch]}", 6, 38, "'nosuch' is not an attribute a scenario can read")]
    [TestCase("{type: integer}", 6, 13, "unknown type 'integer'")]
    [TestCase("{builtin: getattr}", 6, 13, "'getattr' is not a built-in that can be passed as a value")]
    [TestCase("{call: n.encode}", 6, 13, "unknown method 'encode'")]
    [TestCase("{format: '{n:.f}'}", 6, 13, "Format specifier missing precision")]
    [TestCase("{format: '{n:>10.2q}'}", 6, 13, "bad format spec '>10.2q'")]
    [TestCase("{format: '{n:,_d}'}", 6, 13, "Cannot specify both ',' and '_'.")]
    [TestCase("{format: '{n!a}'}", 6, 13, "bad conversion '!a'")]
    [TestCase("{format: '{n:{m}}'}", 6, 13, "nested '{'")]
    public void A_wrong_builtin_call_or_format_is_one_located_error(string value, int line, int column, string fragment)
    {
        Yaml.SingleError(Head + $"  - set: n\n    to: 1\n  - print: {value}\n".Replace("main:\n\n", "main:\n", StringComparison.Ordinal), line, column, fragment);
    }

    [Test]
    public void The_new_forms_validate()
    {
        Assert.That(() => Yaml.Load(Head.Replace("main:\n\n", "main:\n", StringComparison.Ordinal) + """
              - set: s
                to: " a b "
              - print: [{call: s.split}, {call: s.strip, args: [" "]}, {call: type, args: [$s]}, {call: isinstance, args: [$s, {tuple: [{type: str}, {type: ValueError}]}]}]
              - print: [{call: getattr, args: [$s, upper]}, {call: sorted, args: [[b, a]], kwargs: {key: {builtin: len}, reverse: true}}]
              - print: {format: "{s!r:>10} {s:^8} {s!s}"}
              - print: {call: dict, args: [[[a, 1]]], kwargs: {b: 2, c: 3}}
            """), Throws.Nothing);
    }
}
