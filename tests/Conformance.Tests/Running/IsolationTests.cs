using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Harness.Backends;
using Conformance.Harness.Backends.Internal;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Tests.Loading;

namespace Conformance.Tests.Running;

/// <summary>
/// A run's leak check sees only what the run's own ledger names: another program's named semaphores survive a run, a
/// run's own leftovers are reported and removed, and nothing outside /dev/shm and the run folder is ever touched.
/// </summary>
[NonParallelizable]
public sealed partial class IsolationTests
{
    private const string Minimal = """
        description: Main prints.
        features: [print]
        main:
          - print: [hello]
        """;

    [TestCase("cpython")]
    [TestCase("csharp")]
    [CancelAfter(120_000)]
    public async Task Another_programs_named_semaphores_survive_a_run_beside_it(string backendId)
    {
        var paths = new SuitePaths(RepositoryRoot.Find());
        const string id = "lock/mutual-exclusion-across-processes";
        var scenario = ScenarioLoader.Load(paths.Scenarios, Path.Combine(paths.Scenarios, id + ".yaml"));
        IBackend backend = backendId == "cpython" ? new CPythonBackend() : new CSharpBackend();
        var bystander = new List<string>();
        using var stop = new CancellationTokenSource();
        // The bystander names its semaphores as CPython does (/mp-xxxxxxxx) and as impl does (/mp-PID-hex), for its
        // own pid and for the pids of the run's processes, while the run creates and unlinks its own.
        var creator = Task.Run(async () =>
        {
            var random = new Random();
            while (!stop.IsCancellationRequested)
            {
                var pids = RunPids("lock_mutual-exclusi").Append(Environment.ProcessId);
                var names = pids.Select(pid => $"/mp-{pid}-{random.Next():x8}").Append("/mp-" + CPythonSuffix(random));
                foreach (var name in names)
                {
                    var handle = SemOpen(name, OCreat | OExcl, 384, 1);
                    if (handle != SemFailed)
                    {
                        SemClose(handle);
                        lock (bystander) bystander.Add(name);
                    }
                }
                await Task.Delay(20).ConfigureAwait(false);
            }
        });
        RunResult result;
        try
        {
            result = await new ScenarioRunner(paths).RunAsync(scenario, backend);
        }
        finally
        {
            await stop.CancelAsync();
            await creator;
        }
        try
        {
            var missing = bystander.Where(name => !File.Exists($"/dev/shm/sem.{name[1..]}")).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass), result.Message);
                Assert.That(bystander.Count(n => n.Count(c => c == '-') == 2), Is.GreaterThan(bystander.Count / 2), "impl-style names were made");
                Assert.That(missing, Is.Empty, $"{missing.Count} of {bystander.Count} bystander semaphores were removed by the run");
            });
            var ofTheRun = bystander.Count(n => n.StartsWith("/mp-", StringComparison.Ordinal) && n.Count(c => c == '-') == 2 && !n.StartsWith($"/mp-{Environment.ProcessId}-", StringComparison.Ordinal));
            TestContext.Out.WriteLine($"{bystander.Count} bystander semaphores made during the run ({ofTheRun} named for a pid of the run), all still there");
        }
        finally
        {
            foreach (var name in bystander)
                SemUnlink(name);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_run_that_leaks_an_object_in_its_ledger_fails_naming_it_and_it_is_removed_and_nothing_else_is_touched()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/leaks", Minimal);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var leaked = $"/dev/shm/sem.mp-{tag}a";
        var unledgered = $"/dev/shm/sem.mp-{tag}b";
        var outside = Path.Combine(Path.GetTempPath(), $"victim-{tag}");
        var backend = new FakeBackend((tracePath, ledger) =>
        {
            File.WriteAllBytes(leaked, []);
            File.WriteAllBytes(unledgered, []);
            File.WriteAllText(outside, "keep");
            ledger("register", "semaphore", $"/mp-{tag}a");
            ledger("register", "semaphore", $"../../..{outside}");
            ledger("register", "shared_memory", $"/../..{outside}");
            ledger("register", "shared_memory", outside);
            File.AppendAllText(RunnerProcess.ObjectsPath(tracePath), "{\"pid\": 1, \"op\": \"regis"); // a killed writer
        });
        try
        {
            var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/leaks"), backend);

            Assert.Multiple(() =>
            {
                Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
                Assert.That(result.Message, Does.Contain($"the run left named OS objects in /dev/shm (removed by the harness): sem.mp-{tag}a"));
                Assert.That(result.Message, Does.Not.Contain($"{tag}b").And.Not.Contain("victim"));
                Assert.That(File.Exists(leaked), Is.False, "the ledgered leak is removed");
                Assert.That(File.Exists(unledgered), Is.True, "an object not in the ledger is not the run's");
                Assert.That(File.ReadAllText(outside), Is.EqualTo("keep"), "a ledger name is never followed out of /dev/shm");
            });
        }
        finally
        {
            File.Delete(leaked);
            File.Delete(unledgered);
            File.Delete(outside);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_leaked_object_whose_name_is_not_the_backends_is_reported_and_left_in_place()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/foreign", Minimal);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var own = $"/dev/shm/sem.mp-{tag}";
        var foreign = $"/dev/shm/sem.other-{tag}";
        var backend = new FakeBackend((_, ledger) =>
        {
            File.WriteAllBytes(own, []);
            File.WriteAllBytes(foreign, []);
            ledger("register", "semaphore", $"/mp-{tag}");
            ledger("register", "semaphore", $"/other-{tag}");
        });
        try
        {
            var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/foreign"), backend);

            Assert.Multiple(() =>
            {
                Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
                Assert.That(result.Message, Does.Contain($"the run left named OS objects in /dev/shm (removed by the harness): sem.mp-{tag}"));
                Assert.That(result.Message, Does.Contain($"the run left named OS objects in /dev/shm whose names are not the backend's (left in place): sem.other-{tag}"));
                Assert.That(File.Exists(own), Is.False, "the backend's own leftover is removed");
                Assert.That(File.Exists(foreign), Is.True, "a name the backend does not declare is never unlinked");
            });
        }
        finally
        {
            File.Delete(own);
            File.Delete(foreign);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_socket_left_in_the_runs_TMPDIR_is_reported()
    {
        using var suite = new TempSuite();
        suite.Write("harness-test/socket", Minimal);
        var backend = new FakeBackend((tracePath, _) =>
        {
            var folder = Path.Combine(RunnerProcess.TempFolder(tracePath), "pymp-abcdefgh");
            Directory.CreateDirectory(folder);
            // Bound and never unlinked, as a killed manager leaves it (.NET's Socket would unlink it on Dispose).
            using var python = System.Diagnostics.Process.Start("python3",
                ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", Path.Combine(folder, "listener-abcdefgh")]);
            python.WaitForExit();
        });

        var result = await new ScenarioRunner(suite.Paths).RunAsync(suite.Load("harness-test/socket"), backend);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(result.Message, Does.Contain("the run left files in its TMPDIR (kept in the run folder): tmp/pymp-abcdefgh/listener-abcdefgh"));
        });
        var kept = KeptFolder().Match(result.Message ?? "");
        if (kept.Success)
            Directory.Delete(kept.Groups[1].Value, recursive: true);
    }

    /// <summary>
    /// A backend that does what <paramref name="act"/> says instead of running anything (given the trace path and a
    /// writer of ledger lines), then writes a valid one-line trace and exits 0.
    /// </summary>
    private sealed class FakeBackend(Action<string, Action<string, string, string>> act, BackendMarkers? markers = null) : IBackend
    {
        public string Id => "fake";

        /// <summary>By default its objects are named <c>/mp-…</c>, as CPython's and impl's are, and it has no helpers.</summary>
        public BackendMarkers Markers { get; } = markers ?? new BackendMarkers { ObjectNames = [new Regex("^/mp-", RegexOptions.CultureInvariant)] };

        public Task<string> DescribeAsync(CancellationToken ct) => Task.FromResult("fake");

        public Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, RunSettings settings, CancellationToken ct)
        {
            var ledger = RunnerProcess.ObjectsPath(tracePath);
            act(tracePath, (op, kind, name) =>
                File.AppendAllText(ledger, JsonSerializer.Serialize(new { pid = Environment.ProcessId, op, kind, name }) + "\n"));
            File.AppendAllText(tracePath, $"{{\"t\": 1, \"pid\": {Environment.ProcessId}, \"proc\": \"MainProcess\", \"ev\": \"meta\", \"backend\": \"fake\", \"cpu_count\": 2}}\n" +
                $"{{\"t\": 2, \"pid\": {Environment.ProcessId}, \"proc\": \"MainProcess\", \"ev\": \"print\", \"text\": \"hello\\n\"}}\n");
            return Task.FromResult(new BackendRun(0, false, "", "", TimeSpan.Zero));
        }
    }

    /// <summary>Pids of processes whose environment names a run folder starting with <paramref name="runPrefix"/>.</summary>
    private static List<int> RunPids(string runPrefix)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (File.ReadAllText($"{dir}/environ").Contains($"{ScenarioRunner.WorkRoot}/{runPrefix}", StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>Eight characters of CPython's <c>_RandomNameSequence</c> alphabet.</summary>
    private static string CPythonSuffix(Random random) =>
        new(Enumerable.Range(0, 8).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789_"[random.Next(37)]).ToArray());

    private const int OCreat = 0x40, OExcl = 0x80;
    private static readonly IntPtr SemFailed = IntPtr.Zero;

    [LibraryImport("libc", EntryPoint = "sem_open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr SemOpen(string name, int oflag, uint mode, uint value);

    [LibraryImport("libc", EntryPoint = "sem_close")]
    private static partial int SemClose(IntPtr sem);

    [LibraryImport("libc", EntryPoint = "sem_unlink", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SemUnlink(string name);

    [System.Text.RegularExpressions.GeneratedRegex(@"run files kept in (\S+)\)")]
    private static partial System.Text.RegularExpressions.Regex KeptFolder();
}
