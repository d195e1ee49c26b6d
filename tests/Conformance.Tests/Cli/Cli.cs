using System.Diagnostics;
using Conformance.Harness.Cli;

namespace Conformance.Tests.Cli;

/// <summary>Runs the command line in-process with console output captured, bounded in time so a hang fails the test instead of stalling the run.</summary>
internal static class Cli
{
    /// <summary>A scenario file that validates and runs on every backend: main prints one line.</summary>
    public const string ValidScenario = """
        description: Main prints.
        features: [print]
        main:
          - print: [answer, {mul: [6, 7]}]
        """;

    /// <summary>The bound for invocations that run scenarios (longer than any such test's own time limit).</summary>
    public static readonly TimeSpan RunBound = TimeSpan.FromMinutes(10);

    /// <summary>What one invocation did.</summary>
    public sealed record Result(int Code, string Stdout, string Stderr, TimeSpan Elapsed);

    /// <summary>Runs <c>Program.Main(args)</c>; fails the test when it takes longer than <paramref name="bound"/> (default 20 s).</summary>
    /// <remarks>Callers must be <c>[NonParallelizable]</c>: the console is the process's.</remarks>
    public static async Task<Result> RunAsync(TimeSpan? bound, params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        var clock = Stopwatch.StartNew();
        try
        {
            // On a pool thread: a Main blocked in a system call (open of a FIFO) must not block the test itself.
            var main = Task.Run(() => Program.Main(args));
            var limit = bound ?? TimeSpan.FromSeconds(20);
            if (await Task.WhenAny(main, Task.Delay(limit)).ConfigureAwait(false) != main)
                Assert.Fail($"'{string.Join(' ', args)}' did not return within {limit.TotalSeconds} s");
            return new Result(await main.ConfigureAwait(false), stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(null, args);
}
