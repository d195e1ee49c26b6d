using System;
using System.Globalization;
using System.Runtime.InteropServices;
using Multiprocessing;

namespace Conformance.Backend.CSharp;

/// <summary>Chaos mode's delays of one process: SplitMix64 seeded from (seed, process name), each draw 0–5000 µs.</summary>
/// <remarks>
/// <c>CONFORMANCE_CHAOS=&lt;seed&gt;</c> (<c>run --chaos SEED</c>) makes every traced call sleep before its <c>call</c>
/// event and after its <c>return</c>/<c>raise</c> event, so a scenario that passes only because the scheduler was kind
/// fails. The generator is seeded from the process's name, not its pid, so a seed reproduces; it is the same
/// arithmetic as <c>ChaosDelays</c> in conformance_runner.py, so both backends draw the same sequence.
/// </remarks>
public sealed partial class ChaosDelays
{
    /// <summary>The longest delay, in microseconds (5 ms).</summary>
    public const int MaxMicroseconds = 5000;

    /// <summary>The runner contract's variable that carries the seed.</summary>
    public const string Variable = "CONFORMANCE_CHAOS";

    /// <summary>This process's seed, read once; null when chaos mode is off (then a traced call costs one check).</summary>
    public static readonly long? Seed = SeedFrom(Environment.GetEnvironmentVariable(Variable));

    private const ulong Golden = 0x9E3779B97F4A7C15;

    private static readonly object Gate = new();
    private static ChaosDelays? s_process;

    private ulong _state;

    /// <summary>The delays of the process named <paramref name="processName"/> under <paramref name="seed"/>.</summary>
    public ChaosDelays(long seed, string processName)
    {
        ArgumentNullException.ThrowIfNull(processName);
        var hash = 0xCBF29CE484222325; // FNV-1a 64 of the name's UTF-8 bytes
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(processName))
            hash = unchecked((hash ^ b) * 0x100000001B3);
        _state = unchecked((ulong)seed * Golden) ^ hash;
    }

    /// <summary>The next delay, 0 to <see cref="MaxMicroseconds"/> microseconds.</summary>
    public int NextMicroseconds()
    {
        unchecked
        {
            _state += Golden;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return (int)((z ^ (z >> 31)) % (MaxMicroseconds + 1));
        }
    }

    /// <summary>The seed in <paramref name="value"/> (the variable's text), or null when it is unset or empty.</summary>
    /// <exception cref="InvalidOperationException">The value is not a whole number.</exception>
    public static long? SeedFrom(string? value) =>
        string.IsNullOrEmpty(value)
            ? null
            : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
                ? seed
                : throw new InvalidOperationException($"{Variable} must be a whole number (the chaos seed of run --chaos), not '{value}'; unset it to run without chaos");

    /// <summary>Sleeps this process's next delay; the generator is made at first use, when the process has its name.</summary>
    public static void Pause()
    {
        int microseconds;
        lock (Gate)
        {
            s_process ??= new ChaosDelays(Seed ?? 0, Mp.CurrentProcess().Name);
            microseconds = s_process.NextMicroseconds();
        }
        // Thread.Sleep has millisecond resolution; the draw is in microseconds, as Python's time.sleep takes it.
        _ = USleep((uint)microseconds);
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
