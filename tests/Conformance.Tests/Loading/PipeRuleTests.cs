namespace Conformance.Tests.Loading;

/// <summary>The validator's rules for the built-in Pipe and its Connections: arity, keywords, methods, trace labels.</summary>
public sealed class PipeRuleTests
{
    private const string Head = """
        description: Rules.
        features: [Pipe]
        main:
          - set: n
            to: 1

        """;

    [TestCase("{call: Pipe, args: [true, false]}", 6, 25, "Pipe() takes 0 to 1 positional argument, found 2")]
    [TestCase("{call: Pipe, kwargs: {duplx: true}}", 6, 34, "unknown keyword 'duplx' for Pipe(); did you mean 'duplex'?")]
    [TestCase("{call: n.recv_all}", 6, 13, "unknown method 'recv_all'")]
    [TestCase("{new: Pipe}", 6, 13, "unknown type 'Pipe'")]
    public void A_wrong_pipe_call_is_one_located_error(string value, int line, int column, string fragment)
    {
        Yaml.SingleError(Head + $"  - print: {value}\n", line, column, fragment);
    }

    private static string WithSelector(string obj) => Head + $$"""
          - set: [a, [b, c]]
            to: {tuple: [{call: Pipe}, {call: Pipe, args: [false]}]}
          - for: d
            in: {call: Pipe}
            do: [pass]
          - call: a.send
            args: [1]
        invariants:
          - name: sends
            count:
              of: {ev: call, op: send, obj: {{obj}}}
              equals: 1

        """;

    [TestCase("a")]
    [TestCase("b")]
    [TestCase("c")]
    [TestCase("connection")]
    public void The_names_of_a_set_target_list_and_connection_are_labels(string obj)
    {
        Assert.That(() => Yaml.Load(WithSelector(obj)), Throws.Nothing);
    }

    [Test]
    public void A_for_target_is_no_label()
    {
        Yaml.SingleError(WithSelector("d"), 16, 32, "selector can never match: no object is labelled 'd'");
    }

    [Test]
    public void Connection_methods_validate()
    {
        Assert.That(() => Yaml.Load(Head + """
              - set: [r, w]
                to: {call: Pipe, kwargs: {duplex: false}}
              - call: w.send
                args: [[1, 2]]
              - print: [{call: r.poll, args: [1]}, {call: r.recv}]
              - call: r.close
            """), Throws.Nothing);
    }
}
