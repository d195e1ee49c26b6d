using CliWrap;
using CliWrap.Buffered;
using Conformance.Harness.Backends;

namespace Conformance.Tests.Backends;

/// <summary>The CPython backend's runner, <c>harness/backend-cpython</c>: its own program beside the harness, as the C# backend's is.</summary>
public sealed class CPythonRunnerTests
{
    private static string Runner => Path.Combine(AppContext.BaseDirectory, CPythonBackend.RunnerAssembly + ".dll");

    [Test]
    public void The_runner_its_python_folder_and_the_definition_are_in_the_output()
    {
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Runner), Runner);
            Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "python", "conformance_runner.py")));
            Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "Language", "language.json")));
        });
    }

    [Test]
    public async Task Its_batch_mode_runs_programs_in_the_embedded_interpreter()
    {
        var python = await PythonInstallation.DiscoverAsync();
        const string programs = """
            {"main": [{"print": [{"add": [1, 2]}]}]}
            {"main": [{"print": [{"index": 5, "of": [1]}]}]}

            """;

        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["exec", Runner, "--batch", "-", "-", "--python", python.Executable, "--libpython", python.LibPython])
            .WithStandardInputPipe(PipeSource.FromString(programs))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.StandardError);
            Assert.That(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
            {
                """{"output": "3\n", "error": null}""",
                """{"output": "", "error": "IndexError: list index out of range"}""",
            }));
        });
    }

    [TestCase]
    [TestCase("--scenario", "x.json", "--trace", "t.jsonl")]
    [TestCase("--scenario", "x.json", "--python", "python3", "--libpython", "lib.so")]
    [TestCase("--batch", "-", "-", "--scenario", "x.json", "--python", "python3", "--libpython", "lib.so")]
    [TestCase("--colour")]
    public async Task A_wrong_command_line_exits_2_with_the_usage(params string[] args)
    {
        var result = await CliWrap.Cli.Wrap("dotnet").WithArguments(["exec", Runner, .. args])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.StandardError);
            Assert.That(result.StandardError, Does.StartWith("Conformance.Backend.CPython: ").And.Contain("usage:"));
        });
    }
}
