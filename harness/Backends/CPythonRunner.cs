using Python.Runtime;

namespace Conformance.Harness.Backends;

/// <summary>The runner process of the CPython backend: embeds libpython and hands the scenario to <c>conformance_runner.py</c>.</summary>
public static class CPythonRunner
{
    /// <summary>Runs one scenario; never returns (the process ends with the interpreter's exit code).</summary>
    public static int Run(string scenarioJson, string tracePath, string python, string libPython)
    {
        Runtime.PythonDLL = libPython;
        PythonEngine.Initialize();
        var code = 1;
        using (Py.GIL())
        {
            try
            {
                code = Interpret(scenarioJson, tracePath, python);
            }
            catch (PythonException e)
            {
                // Only the interpreter module's own failures reach here; scenario errors are handled inside it.
                Console.Error.WriteLine($"the CPython runner failed: {e.Format()}");
                code = 1;
            }
            // os._exit after flushing: the embedded interpreter has already run multiprocessing's exit handlers,
            // and a normal CLR shutdown with a live interpreter can hang on Python's threads.
            dynamic sys = Py.Import("sys");
            sys.stdout.flush();
            sys.stderr.flush();
            dynamic os = Py.Import("os");
            os._exit(code);
        }
        return code;
    }

    private static int Interpret(string scenarioJson, string tracePath, string python)
    {
        dynamic sys = Py.Import("sys");
        sys.path.insert(0, Path.Combine(AppContext.BaseDirectory, "python"));
        dynamic runner = Py.Import("conformance_runner");
        return (int)runner.run(scenarioJson, tracePath, python);
    }
}
