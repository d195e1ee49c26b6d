using System.Diagnostics;
using Conformance.Backend.CSharp;
using Conformance.Harness.Backends;
using Conformance.Tests.Loading;

namespace Conformance.Tests.BackendCSharp;

/// <summary>Chaos mode's delay source: deterministic per (seed, process name), 0–5 ms, the same in both interpreters.</summary>
public sealed class ChaosDelaysTests
{
    private static int[] Draw(long seed, string name, int count)
    {
        var delays = new ChaosDelays(seed, name);
        return [.. Enumerable.Range(0, count).Select(_ => delays.NextMicroseconds())];
    }

    [Test]
    public void The_same_seed_and_process_name_give_the_same_delays()
    {
        var first = Draw(1, "Process-1", 200);
        var second = Draw(1, "Process-1", 200);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Another_seed_or_another_process_gives_other_delays()
    {
        var first = Draw(1, "Process-1", 50);

        Assert.Multiple(() =>
        {
            Assert.That(Draw(2, "Process-1", 50), Is.Not.EqualTo(first));
            Assert.That(Draw(1, "Process-2", 50), Is.Not.EqualTo(first));
            Assert.That(Draw(1, "MainProcess", 50), Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void Delays_cover_0_to_5_ms()
    {
        var delays = Draw(42, "MainProcess", 10_000);

        Assert.Multiple(() =>
        {
            Assert.That(delays.Min(), Is.GreaterThanOrEqualTo(0).And.LessThan(50));
            Assert.That(delays.Max(), Is.LessThanOrEqualTo(ChaosDelays.MaxMicroseconds).And.GreaterThan(4950));
            Assert.That(delays.Average(), Is.InRange(2400, 2600), "uniform: the mean is about 2.5 ms");
        });
    }

    [TestCase(null, null)]
    [TestCase("", null)]
    [TestCase("7", 7L)]
    [TestCase("-3", -3L)]
    public void The_variable_is_a_whole_number_or_absent(string? value, long? seed)
    {
        Assert.That(ChaosDelays.SeedFrom(value), Is.EqualTo(seed));
    }

    [Test]
    public void A_seed_that_is_not_a_whole_number_is_refused_with_what_to_do()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ChaosDelays.SeedFrom("abc"));

        Assert.That(e!.Message, Does.Contain("CONFORMANCE_CHAOS must be a whole number").And.Contain("not 'abc'"));
    }

    [TestCase(1, "MainProcess")]
    [TestCase(1, "Process-1")]
    [TestCase(-5, "Consumer-3")]
    [TestCase(2147483647, "SpawnPoolWorker-2")]
    public async Task CPythons_runner_draws_the_same_delays(long seed, string name)
    {
        var python = await PythonInstallation.DiscoverAsync();
        var script = $"import sys; sys.path.insert(0, {PyString(Path.Combine(RepositoryRoot.Find(), "harness", "backend-cpython", "python"))}); " +
            $"import conformance_runner as r; d = r.ChaosDelays({seed}, {PyString(name)}); print(' '.join(str(d.next_microseconds()) for _ in range(100)))";

        var (code, stdout, stderr) = await RunPythonAsync(python.Executable, script, chaos: null);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout.Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse), Is.EqualTo(Draw(seed, name, 100)));
    }

    [Test]
    public async Task CPythons_runner_refuses_a_seed_that_is_not_a_whole_number()
    {
        var python = await PythonInstallation.DiscoverAsync();
        var script = $"import sys; sys.path.insert(0, {PyString(Path.Combine(RepositoryRoot.Find(), "harness", "backend-cpython", "python"))}); import conformance_runner";

        var (code, _, stderr) = await RunPythonAsync(python.Executable, script, chaos: "abc");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(stderr, Does.Contain("CONFORMANCE_CHAOS must be a whole number").And.Contain("not 'abc'"));
        });
    }

    private static string PyString(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static async Task<(int Code, string Stdout, string Stderr)> RunPythonAsync(string python, string script, string? chaos)
    {
        var info = new ProcessStartInfo(python, ["-B", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // The test process may itself run in chaos mode (CONFORMANCE_CHAOS=SEED dotnet test): each case says what it wants.
        info.Environment.Remove(ChaosDelays.Variable);
        if (chaos is not null)
            info.Environment[ChaosDelays.Variable] = chaos;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
