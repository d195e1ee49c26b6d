using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Conformance.Backend.CSharp;

/// <summary>
/// Batch mode: many single-process documents run one after the other in this process (the language fuzzer's C#
/// side), each with a fresh <see cref="Interpreter"/>; the mirror of <c>run_batch</c> in conformance_runner.py.
/// </summary>
public static class BatchRunner
{
    /// <summary>
    /// Why <paramref name="document"/> cannot run in batch mode (it makes a process or a primitive, which would leave
    /// children, semaphores or feeders behind for the next program), or null.
    /// </summary>
    public static string? Refusal(Dictionary<string, object?> document)
    {
        var classes = document.GetValueOrDefault("classes") as Dictionary<string, object?> ?? new();
        foreach (var (name, spec) in classes)
        {
            if (spec is Dictionary<string, object?> s && s.GetValueOrDefault("base") is "Process")
                return $"class {name} is a Process";
        }
        return MakesPrimitive(document, classes);
    }

    private static string? MakesPrimitive(object? node, Dictionary<string, object?> classes)
    {
        switch (node)
        {
            case Dictionary<string, object?> map:
                if (map.GetValueOrDefault("new") is string made && !classes.ContainsKey(made))
                    return $"new: {made}";
                foreach (var value in map.Values)
                {
                    if (MakesPrimitive(value, classes) is { } found)
                        return found;
                }
                return null;
            case List<object?> list:
                foreach (var value in list)
                {
                    if (MakesPrimitive(value, classes) is { } found)
                        return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Runs one document's <c>main</c> in this process: what it printed and its uncaught error.</summary>
    public static BatchResult RunProgram(Dictionary<string, object?> document)
    {
        if (Refusal(document) is { } refusal)
            return new BatchResult("", null, refusal);
        var printed = new StringBuilder();
        var interpreter = new Interpreter(document) { Out = text => printed.Append(text), Tracing = false };
        var previous = Interpreter.CurrentOrNull;
        Interpreter.Current = interpreter;
        string? error = null;
        try
        {
            interpreter.RunMain();
        }
        catch (Exception e)
        {
            error = $"{PyErrors.Name(e)}: {PyErrors.Str(e)}";
        }
        finally
        {
            Interpreter.CurrentOrNull = previous;
        }
        return new BatchResult(printed.ToString(), error, null);
    }

    /// <summary>Reads one JSON document per line of <paramref name="inPath"/>, writes one result per line ('-': stdin/stdout).</summary>
    public static int Run(string inPath, string outPath)
    {
        using var input = inPath == "-" ? Console.In : new StreamReader(inPath, Encoding.UTF8);
        using var output = outPath == "-" ? Console.Out : new StreamWriter(outPath, false, new UTF8Encoding(false));
        while (input.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            var result = RunProgram((Dictionary<string, object?>)Document.Parse(line)!);
            output.WriteLine(result.ToJson());
            output.Flush();
        }
        return 0;
    }
}
