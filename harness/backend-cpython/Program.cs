using Python.Runtime;

namespace Conformance.Backend.CPython;

/// <summary>
/// The CPython backend's runner: <c>--scenario doc.json --trace trace.jsonl --python EXE --libpython LIB</c>. Embeds
/// the libpython that matches <c>EXE</c> (pythonnet) and hands the scenario to <c>python/conformance_runner.py</c>,
/// which runs <c>main</c> with CPython's real multiprocessing (spawn children run <c>EXE</c>). Exit codes: the
/// interpreter module's (0 main finished, 3 main raised), 1 the module itself failed, 2 usage.
/// <c>--batch programs.jsonl results.jsonl --python EXE --libpython LIB</c> runs many single-process documents in
/// this process (conformance_runner.run_batch), as <c>python3 python/conformance_runner.py --batch</c> does.
/// </summary>
public static class Program
{
    /// <summary>Runs one scenario (or a batch); the process ends with the interpreter's exit code.</summary>
    public static int Main(string[] args)
    {
        string? scenario = null, trace = null, python = null, libPython = null, batchIn = null, batchOut = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario" when i + 1 < args.Length:
                    scenario = args[++i];
                    break;
                case "--trace" when i + 1 < args.Length:
                    trace = args[++i];
                    break;
                case "--python" when i + 1 < args.Length:
                    python = args[++i];
                    break;
                case "--libpython" when i + 1 < args.Length:
                    libPython = args[++i];
                    break;
                case "--batch" when i + 2 < args.Length:
                    batchIn = args[++i];
                    batchOut = args[++i];
                    break;
                default:
                    return Usage($"unknown argument '{args[i]}'");
            }
        }
        if (string.IsNullOrEmpty(python) || string.IsNullOrEmpty(libPython))
            return Usage("--python and --libpython are required");
        if (batchIn is not null)
            return scenario is null && trace is null
                ? Embedded(libPython, runner => Call(runner, "run_batch", batchIn, batchOut!))
                : Usage("--batch runs without --scenario and --trace");
        if (string.IsNullOrEmpty(scenario) || string.IsNullOrEmpty(trace))
            return Usage("--scenario and --trace are required");
        return Embedded(libPython, runner => Call(runner, "run", scenario, trace, python));
    }

    // PyObject's own API rather than C# `dynamic`: the DLR's binder (Microsoft.CSharp) costs tens of milliseconds of JIT
    // at every run's start, and every CPython scenario run pays it.
    private static int Embedded(string libPython, Func<PyObject, int> call)
    {
        Runtime.PythonDLL = libPython;
        PythonEngine.Initialize();
        var code = 1;
        using (Py.GIL())
        {
            try
            {
                using var sys = Py.Import("sys");
                using var path = sys.GetAttr("path");
                using var folder = new PyString(Path.Combine(AppContext.BaseDirectory, "python"));
                path.InvokeMethod("insert", new PyInt(0), folder).Dispose();
                using var runner = Py.Import("conformance_runner");
                code = call(runner);
            }
            catch (PythonException e)
            {
                // Only the interpreter module's own failures reach here; scenario errors are handled inside it.
                Console.Error.WriteLine($"the CPython runner failed: {e.Format()}");
                code = 1;
            }
            // os._exit after flushing: the embedded interpreter has already run multiprocessing's exit handlers,
            // and a normal CLR shutdown with a live interpreter can hang on Python's threads.
            using var flushSys = Py.Import("sys");
            foreach (var stream in new[] { "stdout", "stderr" })
            {
                using var handle = flushSys.GetAttr(stream);
                handle.InvokeMethod("flush").Dispose();
            }
            using var os = Py.Import("os");
            os.InvokeMethod("_exit", new PyInt(code)).Dispose();
        }
        return code;
    }

    /// <summary><c>module.name(*args)</c> with string arguments, its result as an int (the runner's exit code).</summary>
    private static int Call(PyObject module, string name, params string[] args)
    {
        var pyArgs = args.Select(a => (PyObject)new PyString(a)).ToArray();
        try
        {
            using var result = module.InvokeMethod(name, pyArgs);
            return result.As<int>();
        }
        finally
        {
            foreach (var a in pyArgs)
                a.Dispose();
        }
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"Conformance.Backend.CPython: {problem}");
        Console.Error.WriteLine("usage: Conformance.Backend.CPython --scenario <scenario.json> --trace <trace.jsonl> --python <python3> --libpython <libpython3.X.so>");
        Console.Error.WriteLine("       Conformance.Backend.CPython --batch <programs.jsonl> <results.jsonl> --python <python3> --libpython <libpython3.X.so>   (single-process programs; - is stdin/stdout)");
        return 2;
    }
}
