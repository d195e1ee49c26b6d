using System.Globalization;

namespace Conformance.Tests.Fuzz;

/// <summary>The fuzzers' seed and size: fixed, so a failure reproduces; <c>CONFORMANCE_FUZZ_SEED</c> and <c>CONFORMANCE_FUZZ_CASES</c> change them.</summary>
internal static class FuzzSeed
{
    /// <summary>The seed of this run (the default one unless the variable names another).</summary>
    public static int Value { get; } = int.TryParse(Environment.GetEnvironmentVariable("CONFORMANCE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : 20_261_128;

    /// <summary><paramref name="defaultCount"/>, or the count <c>CONFORMANCE_FUZZ_CASES</c> asks for (a longer hunt on a quiet machine).</summary>
    public static int Cases(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("CONFORMANCE_FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : defaultCount;

    /// <summary>The random source of one case: derived from seed and case number only, so any case regenerates alone.</summary>
    public static Random For(int seed, int caseNumber) => new(unchecked((seed * 1_000_003) + caseNumber));

    /// <summary>How to reproduce a run, for failure messages.</summary>
    public static string Reproduce(int seed) => $"seed {seed} (rerun with CONFORMANCE_FUZZ_SEED={seed})";
}
