using System.Diagnostics;
using Conformance.Backend.CSharp;
using Multiprocessing.Python;

namespace Conformance.Tests.BackendCSharp;

/// <summary>The C# interpreter's binding of arguments, unpacking and generators (the texts are CPython 3.11's).</summary>
[NonParallelizable]
public sealed class FunctionTests
{
    private static readonly Dictionary<string, object?> None = new();

    private static string BindError(string[] parameters, Dictionary<string, object?> defaults, object?[] args, Dictionary<string, object?> kwargs)
    {
        var e = Assert.Throws<PyException>(() => Interpreter.BindParams(parameters, defaults, args, kwargs, "f"))!;
        return $"{PyErrors.Name(e)}: {e.Message}";
    }

    [Test]
    public void Binding_errors_are_cpythons_in_cpythons_order()
    {
        var b2 = new Dictionary<string, object?> { ["b"] = 2L, ["c"] = 3L };
        Assert.Multiple(() =>
        {
            Assert.That(BindError(["a", "b"], None, [1L, 2L, 3L], None), Is.EqualTo("TypeError: f() takes 2 positional arguments but 3 were given"));
            Assert.That(BindError(["a"], None, [1L, 2L], None), Is.EqualTo("TypeError: f() takes 1 positional argument but 2 were given"));
            Assert.That(BindError([], None, [1L], None), Is.EqualTo("TypeError: f() takes 0 positional arguments but 1 was given"));
            Assert.That(BindError(["a", "b", "c"], b2, [1L, 2L, 3L, 4L], None), Is.EqualTo("TypeError: f() takes from 1 to 3 positional arguments but 4 were given"));
            Assert.That(BindError(["a", "b", "c"], None, [], None), Is.EqualTo("TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'"));
            Assert.That(BindError(["a", "b"], None, [], None), Is.EqualTo("TypeError: f() missing 2 required positional arguments: 'a' and 'b'"));
            Assert.That(BindError(["a", "b"], None, [1L], None), Is.EqualTo("TypeError: f() missing 1 required positional argument: 'b'"));
            // Keywords first, in call order: an unexpected or repeated keyword wins over too many positional arguments.
            Assert.That(BindError(["a", "b"], None, [1L, 2L, 3L], new() { ["a"] = 0L }), Is.EqualTo("TypeError: f() got multiple values for argument 'a'"));
            Assert.That(BindError(["a", "b"], None, [], new() { ["b"] = 1L, ["z"] = 2L, ["a"] = 0L }), Is.EqualTo("TypeError: f() got an unexpected keyword argument 'z'"));
        });
    }

    [Test]
    public void Defaults_fill_what_neither_positions_nor_keywords_gave()
    {
        var defaults = new Dictionary<string, object?> { ["b"] = 2L, ["c"] = 3L };
        Assert.Multiple(() =>
        {
            Assert.That(Interpreter.BindParams(["a", "b", "c"], defaults, new object?[] { 1L }, None, "f"), Is.EqualTo(new object?[] { 1L, 2L, 3L }));
            Assert.That(Interpreter.BindParams(["a", "b", "c"], defaults, new object?[] { 1L }, new Dictionary<string, object?> { ["c"] = 9L }, "f"), Is.EqualTo(new object?[] { 1L, 2L, 9L }));
            Assert.That(Interpreter.BindParams(["a", "b", "c"], defaults, Array.Empty<object?>(), new Dictionary<string, object?> { ["c"] = 9L, ["a"] = 0L, ["b"] = 8L }, "f"), Is.EqualTo(new object?[] { 0L, 8L, 9L }));
        });
    }

    [Test]
    public void Unpacking_takes_exactly_n_items_with_cpythons_errors()
    {
        var interpreter = new Interpreter(new Dictionary<string, object?>());
        string Error(object? value, int n)
        {
            var e = Assert.Catch(() => interpreter.Unpack(value, n))!;
            return $"{PyErrors.Name(e)}: {e.Message}";
        }
        Assert.Multiple(() =>
        {
            Assert.That(interpreter.Unpack("ab", 2), Is.EqualTo(new object?[] { "a", "b" }));
            Assert.That(Error(new List<object?> { 1L }, 2), Is.EqualTo("ValueError: not enough values to unpack (expected 2, got 1)"));
            Assert.That(Error(new List<object?> { 1L, 2L, 3L }, 2), Is.EqualTo("ValueError: too many values to unpack (expected 2)"));
            Assert.That(Error(1L, 2), Is.EqualTo("TypeError: cannot unpack non-iterable int object"));
            Assert.That(Error(null, 2), Is.EqualTo("TypeError: cannot unpack non-iterable NoneType object"));
        });
    }

    [Test]
    public void A_generator_runs_lazily_and_no_generator_thread_outlives_main()
    {
        // Two generators abandoned mid-way (one never started); the body prints around each yield.
        var doc = (Dictionary<string, object?>)Document.Parse("""
            {"functions": {"g": {"steps": [
                {"try": [{"print": "a"}, {"yield": 1}, {"print": "b"}, {"yield": 2}, {"print": "never"}],
                 "finally": [{"print": "closed"}]}]}},
             "main": [
               {"set": "x", "to": {"call": "g"}},
               {"set": "unused", "to": {"call": "g"}},
               {"for": "v", "in": "$x", "do": [{"print": "$v"}, {"if": {"eq": ["$v", 2]}, "then": ["break"]}]},
               {"print": "main done"}]}
            """)!;
        var printed = new List<string>();
        var interpreter = new Interpreter(doc) { Out = printed.Add };
        Interpreter.Current = interpreter;
        var before = Process.GetCurrentProcess().Threads.Count;
        interpreter.RunMain();
        Assert.That(printed, Is.EqualTo(new[] { "a\n", "1\n", "b\n", "2\n", "main done\n", "closed\n" }));
        var deadline = Stopwatch.StartNew();
        while (Process.GetCurrentProcess().Threads.Count > before && deadline.Elapsed < TimeSpan.FromSeconds(5))
            Thread.Sleep(20);
        Assert.That(Process.GetCurrentProcess().Threads.Count, Is.LessThanOrEqualTo(before), "a generator thread outlived RunMain");
    }

    [Test]
    public void A_loop_that_starts_generators_without_end_is_stopped_at_the_bound_and_leaves_no_thread()
    {
        // Hostile: every started generator holds a thread in C#; unbounded, this loop would take the machine's threads.
        var doc = (Dictionary<string, object?>)Document.Parse("""
            {"functions": {"g": {"steps": [{"yield": 1}, {"yield": 2}]}},
             "main": [{"for": "i", "in": {"call": "range", "args": [5000]}, "do": [
               {"set": "x", "to": {"call": "g"}}, {"call": "next", "args": ["$x"]}]}]}
            """)!;
        var interpreter = new Interpreter(doc) { Out = _ => { } };
        Interpreter.Current = interpreter;
        var before = Process.GetCurrentProcess().Threads.Count;
        var e = Assert.Throws<ScenarioViolation>(interpreter.RunMain)!;
        Assert.That(e.Message, Does.Contain($"with {Conformance.Backend.CSharp.Values.PyGenerator.MaxSuspended} others suspended at once"));
        var deadline = Stopwatch.StartNew();
        while (Process.GetCurrentProcess().Threads.Count > before && deadline.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(20);
        Assert.That(Process.GetCurrentProcess().Threads.Count, Is.LessThanOrEqualTo(before), "the refused run's generator threads outlived RunMain");
    }

    [TestCase("""{"functions": {"f": {"params": ["n"], "steps": [{"return": {"call": "f", "args": [{"add": ["$n", 1]}]}}]}}, "main": [{"call": "f", "args": [0]}]}""")]
    [TestCase("""{"main": [{"set": "f", "to": {"lambda": {"call": "f"}}}, {"call": "f"}]}""")]
    public void Endless_recursion_is_a_recursion_error_on_both_interpreters_not_a_crash(string json)
    {
        // Hostile: .NET cannot catch a stack overflow; it would end the runner, and in batch mode the harness itself.
        using var python = new Conformance.Harness.Fuzzing.Internal.PythonBatch("python3", Path.Combine(AppContext.BaseDirectory, "python", "conformance_runner.py"));
        python.Send(json);
        var py = python.Receive();
        var cs = Conformance.Harness.Fuzzing.Internal.CSharpBatch.Run(json);
        Assert.Multiple(() =>
        {
            Assert.That(py.Error, Does.StartWith("RecursionError: maximum recursion depth exceeded"));
            Assert.That(cs.Error, Is.EqualTo("RecursionError: maximum recursion depth exceeded"));
        });
    }
}
