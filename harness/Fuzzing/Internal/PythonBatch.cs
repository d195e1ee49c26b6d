using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conformance.Harness.Fuzzing.Internal;

/// <summary>
/// One long-lived <c>conformance_runner.py --batch - -</c> process: a program per line in, a result per line out, so
/// thousands of programs (and the reducer's many small ones) cost one interpreter start.
/// </summary>
internal sealed class PythonBatch : IDisposable
{
    private readonly Process _process;

    public PythonBatch(string python, string runnerScript)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(runnerScript);
        start.ArgumentList.Add("--batch");
        start.ArgumentList.Add("-");
        start.ArgumentList.Add("-");
        start.Environment.Remove("CONFORMANCE_TRACE");
        start.Environment.Remove("CONFORMANCE_SCENARIO");
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
    }

    public void Send(string documentJson)
    {
        _process.StandardInput.WriteLine(documentJson);
        _process.StandardInput.Flush();
    }

    public ProgramResult Receive()
    {
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"the Python batch runner ended (exit code {(_process.WaitForExit(5000) ? _process.ExitCode : -1)})");
        var result = JsonNode.Parse(line)!.AsObject();
        if (result["refused"] is { } refused)
            throw new InvalidOperationException($"the Python batch runner refused a program: {refused}");
        return new ProgramResult(result["output"]!.GetValue<string>(), result["error"]?.GetValue<string>());
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
                _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
