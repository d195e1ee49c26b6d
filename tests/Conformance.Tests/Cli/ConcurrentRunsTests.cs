using System.Diagnostics;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Cli;

/// <summary>Two suite runs at once, and an unrelated CPython program beside them, do not disturb each other.</summary>
[NonParallelizable]
public sealed class ConcurrentRunsTests
{
    // Pool workers come and go (maxtasksperchild) and rebuild the pool's semaphores by name: the program hangs or dies
    // with FileNotFoundError in SemLock._rebuild if anything else unlinks them. It runs until the stop file exists.
    private const string Bystander = """
        import multiprocessing as mp, os, sys, traceback

        def square(x):
            return x * x

        if __name__ == '__main__':
            mp.set_start_method('spawn')
            lock = mp.Lock()
            rounds = 0
            while not os.path.exists(sys.argv[1]) or rounds == 0:
                try:
                    with mp.Pool(2, maxtasksperchild=2) as pool:
                        # A round takes well under a second; a minute means the pool's workers died (its semaphores gone).
                        assert sum(pool.map_async(square, range(20)).get(60)) == 2470
                except BaseException:
                    print(f'round {rounds} failed:', traceback.format_exc(), flush=True)
                    os._exit(1)
                with lock:
                    rounds += 1
            print('ok', rounds)
        """;

    [Test]
    [CancelAfter(300_000)]
    public async Task Two_suite_runs_at_once_both_pass_and_a_CPython_pool_beside_them_keeps_working()
    {
        var root = RepositoryRoot.Find();
        var work = Directory.CreateTempSubdirectory("concurrent-runs-");
        try
        {
            var script = Path.Combine(work.FullName, "bystander.py");
            var stop = Path.Combine(work.FullName, "stop");
            await File.WriteAllTextAsync(script, Bystander);
            using var bystander = Start("python3", [script, stop], work.FullName);
            var harness = Path.Combine(TestContext.CurrentContext.TestDirectory, "Conformance.Harness.dll");
            // Each scenario once: lock/ and rlock/ grew from 5 to 11 scenarios (checklist coverage), and two runs of
            // each twice outgrew the 240 s limit on a loaded machine; what is tested is two suite runs at once.
            string[] run = [harness, "run", "--backend", "all", "--filter", "*lock/**", "--root", root];
            using var first = Start("dotnet", run, work.FullName);
            using var second = Start("dotnet", run, work.FullName);
            var clock = Stopwatch.StartNew();
            var outputs = await Task.WhenAll(Finish(first), Finish(second));
            var suites = clock.Elapsed;
            await File.WriteAllTextAsync(stop, "");
            var pool = await Finish(bystander);

            TestContext.Out.WriteLine($"both suite runs took {suites.TotalSeconds:0.0} s; the bystander: {pool.Output.Trim()}");
            // Every lock and rlock scenario on both backends: however many the suite has.
            var results = ScenarioLoader.Discover(Path.Combine(root, "scenarios"), "*lock/**").Count * 2;
            var total = $"total: {results} results: {results} pass";
            Assert.Multiple(() =>
            {
                Assert.That(outputs[0].Code, Is.Zero, outputs[0].Output);
                Assert.That(outputs[1].Code, Is.Zero, outputs[1].Output);
                Assert.That(results, Is.GreaterThanOrEqualTo(8), "at least the 4 lock and rlock scenarios × 2 backends");
                Assert.That(outputs[0].Output, Does.Contain(total), "every lock and rlock scenario × 2 backends");
                Assert.That(outputs[1].Output, Does.Contain(total));
                Assert.That(pool.Code, Is.Zero, pool.Output);
                Assert.That(pool.Output, Does.Match(@"^ok \d+"));
            });
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Process Start(string file, string[] args, string cwd)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
    }

    private static async Task<(int Code, string Output)> Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"{process.StartInfo.FileName} hung; killed\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
