using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Checks.Internal.Linearizability;
using Conformance.Harness.Scenarios;
using static Conformance.Tests.Checks.TraceLines;

namespace Conformance.Tests.Checks;

/// <summary>
/// The linearizable invariant over hand-made histories: which are explained by a sequential model, and how a failure
/// names the first operation that cannot be placed after the longest linearizable prefix (Porcupine's report).
/// Trace positions: #0 is the meta event, then one event per line given.
/// </summary>
public sealed class LinearizableTests
{
    private const string P1 = "Process-1";
    private const string P2 = "Process-2";
    private const string P3 = "Process-3";

    private static readonly Dictionary<string, int> Pids = new() { ["MainProcess"] = 100, [P1] = 201, [P2] = 202, [P3] = 203 };

    /// <summary>A call of <paramref name="op"/> on <paramref name="obj"/> by <paramref name="proc"/>; times follow the order of lines.</summary>
    private static string Call(string proc, string obj, string op, params string[] args) =>
        Line(0, Pids[proc], proc, "call", new JsonObject
        {
            ["obj"] = obj, ["type"] = "DictProxy", ["op"] = op, ["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]),
        });

    private static string Ret(string proc, string obj, string op, string result = "None") =>
        Line(0, Pids[proc], proc, "return", new JsonObject { ["obj"] = obj, ["type"] = "DictProxy", ["op"] = op, ["result"] = result });

    private static string Raise(string proc, string obj, string op, string error) =>
        Line(0, Pids[proc], proc, "raise", new JsonObject { ["obj"] = obj, ["type"] = "DictProxy", ["op"] = op, ["error"] = error, ["message"] = "" });

    private static Trace History(params string[] lines)
    {
        // Each event a millisecond after the one before, so messages' times are stable.
        var timed = lines.Select((l, i) =>
        {
            var o = JsonNode.Parse(l)!.AsObject();
            o["t"] = 1_000_000_000_000 + (i + 1) * 1_000_000L;
            return o.ToJsonString();
        });
        return Build([Meta(), .. timed]);
    }

    private static InvariantOutcome Check(string body, Trace trace)
    {
        var outcomes = InvariantChecker.Check(Invariants($$$"""{"invariants": [{"name": "lin", "linearizable": {{{body}}}}]}"""), trace);
        Assert.That(outcomes, Has.Count.EqualTo(1));
        return outcomes[0];
    }

    private const string Dict = """{"obj": "d", "model": "dict"}""";

    [Test]
    public void Overlapping_writes_and_a_read_of_either_are_linearizable()
    {
        // P1 and P2 set d['a'] at once; P3's read overlaps both and may see either value, or none yet.
        foreach (var seen in new[] { "1", "2" })
        {
            var o = Check(Dict, History(
                Call(P1, "d", "__setitem__", "'a'", "1"),
                Call(P2, "d", "__setitem__", "'a'", "2"),
                Call(P3, "d", "get", "'a'"),
                Ret(P1, "d", "__setitem__"),
                Ret(P2, "d", "__setitem__"),
                Ret(P3, "d", "get", seen),
                Call(P3, "d", "__getitem__", "'a'"),
                Ret(P3, "d", "__getitem__", seen)));
            Assert.That(o.Passed, Is.True, $"{seen}: {o.Detail}");
            Assert.That(o.Detail, Does.StartWith("4 operations by 3 processes linearizable (1 key checked one by one, "), seen);
        }
    }

    [Test]
    public void A_read_that_overlaps_no_write_sees_none_yet()
    {
        var o = Check(Dict, History(
            Call(P3, "d", "get", "'a'", "-1"),
            Ret(P3, "d", "get", "-1"),
            Call(P1, "d", "__setitem__", "'a'", "1"),
            Ret(P1, "d", "__setitem__"),
            Call(P3, "d", "__getitem__", "'b'"),
            Raise(P3, "d", "__getitem__", "KeyError")));
        Assert.That(o.Passed, Is.True, o.Detail);
        Assert.That(o.Detail, Does.Contain("2 keys checked one by one"));
    }

    [Test]
    public void A_stale_read_after_a_completed_write_is_not_linearizable()
    {
        var o = Check(Dict, History(
            Call(P1, "d", "__setitem__", "'a'", "1"),
            Ret(P1, "d", "__setitem__"),
            Call(P1, "d", "__setitem__", "'a'", "2"),
            Ret(P1, "d", "__setitem__"),
            Call(P2, "d", "get", "'a'"),
            Ret(P2, "d", "get", "1")));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo(
            "not linearizable (key 'a', 3 operations): after the longest linearizable prefix of 2 operations " +
            "(Process-1 (pid 201) d.__setitem__('a', 1) -> None (#1..#2); Process-1 (pid 201) d.__setitem__('a', 2) -> None (#3..#4)), " +
            "no order places Process-2 (pid 202) d.get('a') -> 1 (#5..#6): there the dict model's state is {'a': 2}, where d.get('a') gives 2"));
    }

    [Test]
    public void A_lost_update_is_not_linearizable()
    {
        // Two appends that both returned, then a length that counts one: one of them was lost.
        var o = Check("""{"obj": "l", "model": "list"}""", History(
            Call(P1, "l", "append", "'x'"),
            Call(P2, "l", "append", "'y'"),
            Ret(P2, "l", "append"),
            Ret(P1, "l", "append"),
            Call(P3, "l", "__len__"),
            Ret(P3, "l", "__len__", "1")));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Is.EqualTo(
            "not linearizable: after the longest linearizable prefix of 2 operations " +
            "(Process-1 (pid 201) l.append('x') -> None (#1..#4); Process-2 (pid 202) l.append('y') -> None (#2..#3)), " +
            "no order places Process-3 (pid 203) l.__len__() -> 1 (#5..#6): there the list model's state is ['x', 'y'], where l.__len__() gives 2"));
    }

    [Test]
    public void A_pop_that_returns_an_item_twice_is_not_linearizable()
    {
        var list = Check("""{"obj": "l", "model": "list", "initial": "['job']"}""", History(
            Call(P1, "l", "pop"),
            Call(P2, "l", "pop"),
            Ret(P1, "l", "pop", "'job'"),
            Ret(P2, "l", "pop", "'job'")));
        Assert.That(list.Detail, Is.EqualTo(
            "not linearizable: after the longest linearizable prefix of 1 operation (Process-1 (pid 201) l.pop() -> 'job' (#1..#3)), " +
            "no order places Process-2 (pid 202) l.pop() -> 'job' (#2..#4): there the list model's state is [], where l.pop() gives raised IndexError"));

        var dict = Check("""{"obj": "d", "model": "dict", "initial": "{'k': 7}"}""", History(
            Call(P1, "d", "pop", "'k'", "None"),
            Ret(P1, "d", "pop", "7"),
            Call(P2, "d", "pop", "'k'", "None"),
            Ret(P2, "d", "pop", "7")));
        Assert.That(dict.Passed, Is.False);
        Assert.That(dict.Detail, Does.EndWith("no order places Process-2 (pid 202) d.pop('k', None) -> 7 (#3..#4): there the dict model's state is {}, where d.pop('k', None) gives None"));
    }

    [Test]
    public void An_operation_that_never_returned_may_take_effect_or_not()
    {
        string[] crashed = [Call(P1, "d", "__setitem__", "'a'", "1")];
        Assert.Multiple(() =>
        {
            Assert.That(Check(Dict, History([.. crashed, Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "1")])).Passed, Is.True, "took effect");
            Assert.That(Check(Dict, History([.. crashed, Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "None")])).Passed, Is.True, "did not");
            Assert.That(Check(Dict, History([.. crashed, Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "1"), Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "None")])).Passed,
                Is.False, "once seen, it has taken effect");
            Assert.That(Check(Dict, History([.. crashed, Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "2")])).Passed, Is.False, "it cannot explain a value nobody wrote");
        });
        var o = Check(Dict, History([.. crashed, Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "1")]));
        Assert.That(o.Detail, Is.EqualTo("2 operations by 2 processes linearizable (1 key checked one by one, 2 model steps, 1 without a known end)"));
    }

    [Test]
    public void An_error_the_model_never_raises_leaves_the_effect_unknown()
    {
        // A connection lost mid-request: the server may have applied the set before the reply was lost.
        var applied = History(Call(P1, "d", "__setitem__", "'a'", "1"), Raise(P1, "d", "__setitem__", "EOFError"), Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "1"));
        var lost = History(Call(P1, "d", "__setitem__", "'a'", "1"), Raise(P1, "d", "__setitem__", "EOFError"), Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "None"));
        Assert.That((Check(Dict, applied).Passed, Check(Dict, lost).Passed), Is.EqualTo((true, true)));
        // A model error must be the model's: d['a'] on a set key does not raise KeyError.
        var wrong = History(Call(P1, "d", "__setitem__", "'a'", "1"), Ret(P1, "d", "__setitem__"), Call(P2, "d", "__getitem__", "'a'"), Raise(P2, "d", "__getitem__", "KeyError"));
        Assert.That(Check(Dict, wrong).Detail, Does.EndWith("where d.__getitem__('a') gives 1"));
    }

    [Test]
    public void Keyed_operations_are_checked_key_by_key_and_whole_dict_ones_together()
    {
        string[] writes = [Call(P1, "d", "__setitem__", "'a'", "1"), Call(P2, "d", "__setitem__", "'b'", "2"), Ret(P2, "d", "__setitem__"), Ret(P1, "d", "__setitem__")];
        Assert.That(Check(Dict, History([.. writes, Call(P3, "d", "get", "'b'"), Ret(P3, "d", "get", "2")])).Detail, Does.Contain("2 keys checked one by one"));
        var keys = Check(Dict, History([.. writes, Call(P3, "d", "keys"), Ret(P3, "d", "keys", "['b', 'a']")]));
        Assert.That(keys.Detail, Does.Contain("checked whole"));
        Assert.That(keys.Passed, Is.True, "the writes overlap, so either insertion order is possible");
        Assert.That(Check(Dict, History([.. writes, Call(P3, "d", "keys"), Ret(P3, "d", "keys", "['a']")])).Passed, Is.False);
    }

    [Test]
    public void The_initial_state_is_the_models_empty_one_unless_given()
    {
        string[] read = [Call(P1, "d", "__getitem__", "'a'"), Ret(P1, "d", "__getitem__", "0")];
        Assert.That(Check(Dict, History(read)).Detail, Does.EndWith("there the dict model's state is {}, where d.__getitem__('a') gives raised KeyError"));
        Assert.That(Check("""{"obj": "d", "model": "dict", "initial": "{'a': 0}"}""", History(read)).Passed, Is.True);
    }

    [Test]
    public void Namespace_attributes_raise_attribute_error_until_set_and_private_ones_stay_per_process()
    {
        const string ns = """{"obj": "ns", "model": "namespace"}""";
        var o = Check(ns, History(
            Call(P1, "ns", "__getattr__", "'value'"),
            Raise(P1, "ns", "__getattr__", "AttributeError"),
            Call(P2, "ns", "__setattr__", "'value'", "'set'"),
            Call(P1, "ns", "__getattr__", "'value'"),
            Ret(P1, "ns", "__getattr__", "'set'"),
            Ret(P2, "ns", "__setattr__"),
            Call(P1, "ns", "__setattr__", "'_mine'", "1"),
            Ret(P1, "ns", "__setattr__"),
            Call(P2, "ns", "__getattr__", "'_mine'"),
            Raise(P2, "ns", "__getattr__", "AttributeError")));
        Assert.That(o.Passed, Is.True, o.Detail);
        var stale = Check(ns, History(
            Call(P2, "ns", "__setattr__", "'value'", "'set'"),
            Ret(P2, "ns", "__setattr__"),
            Call(P1, "ns", "__getattr__", "'value'"),
            Raise(P1, "ns", "__getattr__", "AttributeError")));
        Assert.That(stale.Detail, Is.EqualTo(
            "not linearizable (key 'value', 2 operations): after the longest linearizable prefix of 1 operation " +
            "(Process-2 (pid 202) ns.__setattr__('value', 'set') -> None (#1..#2)), no order places " +
            "Process-1 (pid 201) ns.__getattr__('value') -> raised AttributeError (#3..#4): " +
            "there the namespace model's state is {'value': 'set'}, where ns.__getattr__('value') gives 'set'"));
    }

    [Test]
    public void A_register_reads_the_last_value_written()
    {
        const string register = """{"obj": "v", "model": "register", "initial": "0"}""";
        string[] set = [Call(P1, "v", "set", "5"), Ret(P1, "v", "set")];
        Assert.That(Check(register, History([.. set, Call(P2, "v", "get"), Ret(P2, "v", "get", "5")])).Passed, Is.True);
        Assert.That(Check(register, History([.. set, Call(P2, "v", "get"), Ret(P2, "v", "get", "0")])).Passed, Is.False);
    }

    [Test]
    public void An_operation_outside_the_model_fails_naming_it_unless_ops_leave_it_out()
    {
        string[] lines = [Call(P1, "d", "__setitem__", "'a'", "1"), Ret(P1, "d", "__setitem__"), Call(P2, "d", "__enter__"), Ret(P2, "d", "__enter__")];
        Assert.That(Check(Dict, History(lines)).Detail, Is.EqualTo(
            "#3 Process-2 (pid 202) call d.__enter__() at +0.003s is not an operation of the dict model (its operations: __getitem__, get, " +
            "__setitem__, setdefault, pop, __delitem__, __contains__, __len__, len, keys, values, items, copy, clear, update, popitem); " +
            "name the operations to check in ops, or keep the others off this object"));
        Assert.That(Check("""{"obj": "d", "model": "dict", "ops": ["__setitem__"]}""", History(lines)).Passed, Is.True);
    }

    [Test]
    public void Arguments_the_model_does_not_take_and_an_empty_history_fail()
    {
        Assert.That(Check(Dict, History(Call(P1, "d", "get"), Ret(P1, "d", "get"))).Detail,
            Is.EqualTo("#1 Process-1 (pid 201) call d.get() at +0.001s: get takes 1 to 2 arguments in the model, but was called with 0"));
        Assert.That(Check("""{"obj": "l", "model": "list"}""", History(Call(P1, "l", "__getitem__", "slice(0, 2, None)"), Ret(P1, "l", "__getitem__", "[]"))).Detail,
            Does.EndWith("the list model's __getitem__ takes an int index, not slice(0, 2, None) (slices are not modelled)"));
        Assert.That(Check(Dict, History(Call(P1, "e", "set"), Ret(P1, "e", "set"))).Detail, Is.EqualTo("no operation on 'd' is in the trace"));
        Assert.That(Check(Dict, History(Ret(P1, "d", "get", "1"))).Detail, Does.EndWith("ends no call: the trace has no call of d.get by pid 201 before it"));
    }

    [Test]
    public void A_failure_shortens_long_values()
    {
        var big = "'" + new string('x', 100_000) + "'";
        var o = Check(Dict, History(Call(P1, "d", "__setitem__", "'a'", big), Ret(P1, "d", "__setitem__"), Call(P2, "d", "get", "'a'"), Ret(P2, "d", "get", "None")));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.Contain("d.__setitem__('a', 'xxxxxxxxxx"));
        Assert.That(o.Detail.Length, Is.LessThan(1_000));
    }

    [Test]
    public void Keyword_arguments_are_read_by_name()
    {
        var o = Check(Dict, History(Call(P1, "d", "get", "'a'", "default=3"), Ret(P1, "d", "get", "3")));
        Assert.That(o.Passed, Is.True, o.Detail);
    }

    /// <summary>
    /// Twelve appends all in flight at once, then a length no order gives: every order of the appends is a different
    /// list, so the memoised search has 12! states to see before it could say no. It must stop at its bound and say
    /// "undecided", quickly and in bounded memory.
    /// </summary>
    [Test]
    public void A_history_past_the_bound_is_undecided_not_a_hang()
    {
        var n = 12;
        var lines = new List<string>();
        var procs = Enumerable.Range(0, n).Select(i => $"Worker-{i}").ToList();
        for (var i = 0; i < n; i++)
        {
            Pids[procs[i]] = 300 + i;
            lines.Add(Call(procs[i], "l", "append", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        for (var i = 0; i < n; i++)
            lines.Add(Ret(procs[i], "l", "append"));
        lines.Add(Call(P1, "l", "__getitem__", "0"));
        lines.Add(Ret(P1, "l", "__getitem__", "'nobody appended this'"));

        var clock = Stopwatch.StartNew();
        var o = Check("""{"obj": "l", "model": "list"}""", History([.. lines]));
        TestContext.Progress.WriteLine($"undecided after {clock.ElapsedMilliseconds} ms: {o.Detail}");
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Detail, Does.StartWith(
            "undecided: the search for an order of the 13 operations on 'l' (13 processes) stopped at its bound " +
            $"({SearchBudget.DefaultSteps:N0} model steps, {SearchBudget.DefaultMemo:N0} memoised values) after "));

        // The same history with a small budget shows that the bound is what stops it.
        var small = new SearchBudget(1_000, 1_000);
        var result = LinearizableCheck.Check((LinearizableInvariant)Invariants("""{"invariants": [{"name": "lin", "linearizable": {"obj": "l", "model": "list"}}]}""")[0], History([.. lines]), small);
        Assert.That(result.Detail, Does.Contain("stopped at its bound (1,000 model steps, 1,000 memoised values)"));
        Assert.That(small.Steps, Is.LessThanOrEqualTo(1_000));
    }
}
