using System.Globalization;

namespace Conformance.Harness.Running;

/// <summary>Linux signal numbers and names, and how exit codes that stand for a signal are read.</summary>
internal static class Signals
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1", [11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE",
        [14] = "SIGALRM", [15] = "SIGTERM", [16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT", [19] = "SIGSTOP",
        [20] = "SIGTSTP", [21] = "SIGTTIN", [22] = "SIGTTOU", [23] = "SIGURG", [24] = "SIGXCPU", [25] = "SIGXFSZ",
        [26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO", [30] = "SIGPWR", [31] = "SIGSYS",
    };

    /// <summary><c>signal 11 (SIGSEGV)</c>.</summary>
    public static string Describe(int signal) =>
        Names.TryGetValue(signal, out var name)
            ? $"signal {signal.ToString(CultureInfo.InvariantCulture)} ({name})"
            : $"signal {signal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The signal a runner's exit code stands for: .NET (and so CliWrap) reports a process killed by signal N as
    /// 128 + N, other APIs as -N; null for a plain exit code.
    /// </summary>
    public static int? OfRunnerExitCode(int code) => code switch
    {
        < 0 and >= -64 => -code,
        > 128 and <= 128 + 64 => code - 128,
        _ => null,
    };
}
