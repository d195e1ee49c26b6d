using Python.Runtime;
namespace Conformance.Harness.Cli;
public static class Program
{
    public static int Main(string[] args)
    {
        Runtime.PythonDLL = args[0];
        PythonEngine.Initialize();
        using (Py.GIL())
        {
            dynamic sys = Py.Import("sys");
            Console.WriteLine((string)sys.version);
        }
        return 0;
    }
}
