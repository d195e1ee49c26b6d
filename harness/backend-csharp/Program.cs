using System;
using System.IO;
using Conformance.Backend.CSharp.Values;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The C# backend's runner: <c>--scenario doc.json --trace trace.jsonl</c>. Interprets the scenario's <c>main</c> with
/// the impl library, then runs impl's exit handling. Exit codes: 0 main finished, 3 main raised (last stderr line
/// <c>scenario error at POINTER: Type: message</c>), 4 not implemented (<c>not implemented: what</c>), 2 usage.
/// Children never run Main: impl's startup hook runs them, and <see cref="ScenarioTargets"/> loads the document.
/// <c>--batch programs.jsonl results.jsonl</c> runs many single-process documents in this process (<see cref="BatchRunner"/>).
/// </summary>
public static class Program
{
    /// <summary>Runs one scenario.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "--batch")
            return BatchRunner.Run(args[1], args[2]);
        string? scenario = Environment.GetEnvironmentVariable("CONFORMANCE_SCENARIO");
        string? trace = Environment.GetEnvironmentVariable("CONFORMANCE_TRACE");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--scenario" && i + 1 < args.Length)
                scenario = args[++i];
            else if (args[i] == "--trace" && i + 1 < args.Length)
                trace = args[++i];
            else
                return Usage($"unknown argument '{args[i]}'");
        }
        if (string.IsNullOrEmpty(scenario) || string.IsNullOrEmpty(trace))
            return Usage("--scenario and --trace are required");
        try
        {
            // Checked here, before anything runs, rather than at the first traced call of some process.
            _ = ChaosDelays.SeedFrom(Environment.GetEnvironmentVariable(ChaosDelays.Variable));
        }
        catch (InvalidOperationException e)
        {
            return Usage(e.Message);
        }
        scenario = Path.GetFullPath(scenario);
        trace = Path.GetFullPath(trace);
        Environment.SetEnvironmentVariable("CONFORMANCE_SCENARIO", scenario);
        Environment.SetEnvironmentVariable("CONFORMANCE_TRACE", trace);

        var document = Document.Load(scenario);
        if (Document.FirstUnsupported(document) is { } missing)
        {
            Console.Error.WriteLine($"not implemented: {missing}");
            return 4;
        }

        var interpreter = new Interpreter(document);
        Interpreter.Current = interpreter;
        TraceLog.Emit("meta", ("backend", "csharp"), ("cpu_count", (long)Mp.CpuCount()));

        string? errorLine = null;
        try
        {
            interpreter.RunMain();
        }
        catch (SystemExit e)
        {
            // sys.exit in main ends main as in a real program (the exit handling below still runs); a code that is not
            // None or an int is printed on stderr, as CPython does. The runner's own exit code stays "main finished".
            if (PyErrors.Code(e) is { } code and not (long or int or bool or System.Numerics.BigInteger))
                Console.Error.WriteLine(PyRepr.Str(code));
        }
        catch (Exception e)
        {
            var pointer = Interpreter.PointerOf(e) ?? interpreter.Pointer;
            Console.Error.WriteLine("Traceback (most recent call last):");
            Console.Error.WriteLine($"  scenario step {pointer}");
            Console.Error.WriteLine($"{PyErrors.Name(e)}: {PyErrors.Str(e)}");
            Console.Error.WriteLine("(.NET detail)");
            Console.Error.WriteLine(e.ToString());
            errorLine = $"scenario error at {pointer}: {PyErrors.Name(e)}: {PyErrors.Str(e)}";
        }
        finally
        {
            // CPython's exit handling for multiprocessing: terminate daemons, join children, flush queue feeders.
            Mp.Shutdown();
        }
        Console.Out.Flush();
        if (errorLine is not null)
        {
            Console.Error.WriteLine(errorLine);
            Console.Error.Flush();
            return 3;
        }
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"Conformance.Backend.CSharp: {problem}");
        Console.Error.WriteLine("usage: Conformance.Backend.CSharp --scenario <scenario.json> --trace <trace.jsonl>");
        Console.Error.WriteLine("       Conformance.Backend.CSharp --batch <programs.jsonl> <results.jsonl>   (single-process programs; - is stdin/stdout)");
        return 2;
    }
}
