namespace Conformance.Tests.Loading;

/// <summary>The validator's rules for shared values, Barrier, SimpleQueue, the start-method built-ins and wait.</summary>
public sealed class SharedRuleTests
{
    private const string Head = """
        description: Rules.
        features: [Value]
        main:
          - set: n
            to: 1

        """;

    [TestCase("{call: get_context, args: [spawn, fork]}", 6, 32, "get_context() takes 0 to 1 positional argument, found 2")]
    [TestCase("{call: set_start_method}", 6, 13, "set_start_method() takes 1 to 2 positional arguments, found 0")]
    [TestCase("{call: connection.wait, kwargs: {timeot: 1}, args: [[]]}", 6, 45, "unknown keyword 'timeot' for connection.wait(); did you mean 'timeout'?")]
    [TestCase("{new: Barrier, args: [2], kwargs: {parites: 1}}", 6, 47, "unknown key 'parites' in a Barrier constructor")]
    [TestCase("{new: SimpleQueue, args: [1]}", 6, 31, "SimpleQueue() takes no arguments")]
    [TestCase("{call: {attr: get_value, of: {new: Value, args: [i]}}}", 6, 20, "unknown method 'get_value' for a Value")]
    public void A_wrong_call_is_one_located_error(string value, int line, int column, string fragment)
    {
        Yaml.SingleError(Head + $"  - print: {value}\n", line, column, fragment);
    }

    [Test]
    public void Shared_primitives_validate_with_their_methods_attributes_and_labels()
    {
        Assert.That(() => Yaml.Load(Head + """
              - set: v
                to: {new: Value, args: [i, 0], kwargs: {lock: false}}
              - set: v.value
                to: {add: [{attr: value, of: $v}, 1]}
              - set: a
                to: {new: Array, args: [d, [1, 2]]}
              - setitem: $a
                key: 0
                to: 2.5
              - print: [{index: 0, of: $a}, {slice: $a, stop: 1}, {call: a.get_lock}]
              - set: b
                to: {new: Barrier, args: [1], kwargs: {timeout: 1}}
              - print: [{call: b.wait}, {attr: n_waiting, of: $b}, {attr: broken, of: $b}, {attr: parties, of: $b}]
              - set: q
                to: {new: SimpleQueue}
              - call: q.put
                args: [1]
              - print: [{call: q.get}, {call: q.empty}]
              - print: [{call: {attr: get_start_method, of: {call: get_context}}}, {call: connection.wait, args: [[], 0]}]
            invariants:
              - name: labels
                count:
                  of: {ev: call, obj: spawncontext, op: get_start_method}
                  equals: 1
              - name: items
                count:
                  of: {ev: call, obj: a, op: __getitem__}
                  equals: 2
            """), Throws.Nothing);
    }
}
