using Conformance.Harness.Backends;
using Conformance.Harness.Running;
using Conformance.Tests.Running;

namespace Conformance.Tests.Safety;

/// <summary>
/// os._exit and os.kill reach the OS, so both interpreters bound them: only in a child, and a child may signal only
/// itself, with SIGINT, SIGKILL, SIGSEGV or SIGTERM. Everything else is a ScenarioViolation, never a signal sent.
/// </summary>
[NonParallelizable]
public sealed class OsBuiltinSafetyTests
{
    [TestCase("cpython", "{call: os.kill, args: [{call: os.getpid}, 15]}", "os.kill in the main process")]
    [TestCase("csharp", "{call: os.kill, args: [{call: os.getpid}, 15]}", "os.kill in the main process")]
    [TestCase("cpython", "{call: os._exit, args: [3]}", "os._exit in the main process")]
    [TestCase("csharp", "{call: os._exit, args: [3]}", "os._exit in the main process")]
    [CancelAfter(120_000)]
    public async Task Main_may_not_end_the_run(string backendId, string call, string refused)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/main-exits", $$"""
            description: Main tries to end itself through the OS.
            features: [Process]
            main:
              - expr: {{call}}
              - print: [main went on]
            """);
        var result = await Run(suite, "harness-test/main-exits", backendId);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error), result.Message);
            Assert.That(result.Message, Does.Contain("ScenarioViolation: " + refused));
        });
    }

    [TestCase("cpython", "{call: os.getppid}", "15", "os.kill of pid")]
    [TestCase("csharp", "{call: os.getppid}", "15", "os.kill of pid")]
    [TestCase("cpython", "1", "9", "os.kill of pid")]
    [TestCase("csharp", "1", "9", "os.kill of pid")]
    [TestCase("cpython", "{call: os.getpid}", "19", "os.kill with signal 19")]
    [TestCase("csharp", "{call: os.getpid}", "19", "os.kill with signal 19")]
    [CancelAfter(120_000)]
    public async Task A_child_may_signal_only_itself_with_the_listed_signals(string backendId, string pid, string signal, string refused)
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/child-signals", """
            description: A child tries to signal another process, or itself with a signal outside the list.
            features: [Process]
            functions:
              signal:
                params: []
                steps:
                  - call: os.kill
                    args: [PID, SIGNAL]
            main:
              - set: p
                to: {new: Process, kwargs: {target: $signal}}
              - call: p.start
              - call: p.join
              - print: [child exitcode, $p.exitcode]
              - print: [main went on]
            output:
              stderr: ['os\.kill (of pid|with signal)']
            """.Replace("PID", pid, StringComparison.Ordinal).Replace("SIGNAL", signal, StringComparison.Ordinal));
        var result = await Run(suite, "harness-test/child-signals", backendId);

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(new[] { "child exitcode 1", "main went on" }), result.Message);
            Assert.That(result.Snapshot, Does.Contain("\nstderr:\n").And.Contain(refused), result.Message);
        });
    }

    private static async Task<RunResult> Run(TempSuite suite, string id, string backendId)
    {
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var runner = new ScenarioRunner(suite.Paths, new RunSettings());
        return await runner.RunAsync(suite.Load(id), backend);
    }
}
