using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Fuzzing.Internal;
using Conformance.Harness.Language;

namespace Conformance.Tests.Language;

/// <summary>
/// Neither interpreter understands a step kind or an operator that harness/Language/language.json does not list.
/// "Nothing missing" is the language suite's part (every listed kind is used by a scenario that passes on both
/// backends); this is "nothing extra": every name a scenario could plausibly try as a kind — Python's
/// keywords and built-ins, the names the definition reserves, every key it uses in another role, and the names of
/// Python's own code-running functions — is refused by both, when handed to them straight (past the validator).
/// </summary>
[NonParallelizable]
public sealed class NothingExtraTests
{
    private static LanguageDefinition Language => LanguageDefinition.Current;

    private static readonly string[] CodeRunners =
    [
        "exec", "eval", "compile", "import", "__import__", "globals", "locals", "vars", "open", "input", "breakpoint",
        "exit", "quit", "help", "system", "popen", "spawn", "fork", "getattr", "setattr", "delattr", "assert",
        "async", "await", "match", "case", "class", "def", "nonlocal", "lambda_", "goto", "shell", "subprocess",
    ];

    /// <summary>Every name to try: keywords, reserved names, built-ins, keys of every shape, code runners.</summary>
    private static SortedSet<string> Universe()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(Language.PythonKeywords);
        names.UnionWith(Language.ReservedNames);
        names.UnionWith(Language.Builtins.Keys);
        names.UnionWith(Language.Primitives.Keys);
        names.UnionWith(Language.Exceptions.Keys);
        names.UnionWith(CodeRunners);
        foreach (var shape in Language.Steps.Values)
            names.UnionWith(shape.Keys.Select(k => k.Name));
        foreach (var op in Language.Operators.Values)
            names.UnionWith(op.Shape.Keys.Select(k => k.Name));
        names.UnionWith(Language.Steps.Keys);
        names.UnionWith(Language.Operators.Keys);
        return names;
    }

    /// <summary>The Python runner in batch mode, on the interpreter the suite uses.</summary>
    private static PythonBatch StartPython() =>
        // CONFORMANCE_PYTHON may be a version matrix (3.11,3.13): its first entry is the suite's reference CPython.
        new(Conformance.Harness.Backends.PythonInstallation.Matrix() is [var p, ..] ? Conformance.Harness.Backends.PythonInstallation.Locate(p) : "python3",
            Path.Combine(AppContext.BaseDirectory, "python", "conformance_runner.py"));

    private static string Program(JsonNode step) =>
        new JsonObject { ["description"] = "d", ["features"] = new JsonArray("f"), ["main"] = new JsonArray(step) }.ToJsonString();

    private static IEnumerable<(string Name, string Json)> Cases(bool steps)
    {
        var listed = steps ? Language.Steps.Keys.ToHashSet(StringComparer.Ordinal) : Language.Operators.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var name in Universe().Where(n => !listed.Contains(n)))
        {
            // The kind key first, with a harmless value; an operator is tried where a value is printed.
            var probe = new JsonObject { [name] = 1 };
            yield return (name, Program(steps ? probe : new JsonObject { ["print"] = probe }));
        }
    }

    [TestCase(true, TestName = "Unlisted step kinds are refused by both interpreters")]
    [TestCase(false, TestName = "Unlisted operators are refused by both interpreters")]
    public void Unlisted_kinds_are_refused(bool steps)
    {
        var cases = Cases(steps).ToList();
        Assert.That(cases, Has.Count.GreaterThan(100), "the universe of names to try");
        using var python = StartPython();
        Assert.Multiple(() =>
        {
            foreach (var (name, json) in cases)
            {
                python.Send(json);
                var py = python.Receive();
                var cs = CSharpBatch.Run(json);
                foreach (var (side, result) in new[] { ("python", py), ("csharp", cs) })
                {
                    Assert.That(result.Output, Is.Empty, $"{side}: {{{name}: 1}} printed something");
                    Assert.That(result.Error, Does.Contain("unknown"), $"{side}: {{{name}: 1}} was not refused as unknown: {JsonSerializer.Serialize(result.Error)}");
                }
            }
        });
    }

    /// <summary>The listed kinds themselves are not refused as unknown (so the probe above can tell them apart).</summary>
    [Test]
    public void Listed_kinds_are_not_refused_as_unknown()
    {
        var json = Program(new JsonObject { ["print"] = new JsonObject { ["neg"] = 1 } });
        using var python = StartPython();
        python.Send(json);
        Assert.Multiple(() =>
        {
            Assert.That(python.Receive(), Is.EqualTo(new Conformance.Harness.Fuzzing.ProgramResult("-1\n", null)));
            Assert.That(CSharpBatch.Run(json), Is.EqualTo(new Conformance.Harness.Fuzzing.ProgramResult("-1\n", null)));
        });
    }
}
