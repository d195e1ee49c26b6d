using System.Collections.Concurrent;
using CliWrap;
using CliWrap.Buffered;

namespace Conformance.Harness.Backends.Internal;

/// <summary>
/// Compiles the CPython backend's modules (<c>python/*.py</c> beside the harness) to <c>python/__pycache__</c> once per
/// interpreter and harness process: every process of a CPython run (main, each spawned child, each pool worker)
/// imports <c>conformance_runner</c>, and where <c>PYTHONDONTWRITEBYTECODE</c> is set (or the folder was never written)
/// each of them compiled its ~1900 lines from source again, ~30 ms of CPU per process. CPython checks a cached
/// module against its source's size and mtime, so a stale cache is never used; a failure here only costs that time.
/// </summary>
internal static class RunnerBytecode
{
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Done = new(StringComparer.Ordinal);

    /// <summary>Compiles the modules in <paramref name="folder"/> for <paramref name="python"/>, once; never throws.</summary>
    public static Task EnsureAsync(string python, string folder) =>
        Done.GetOrAdd($"{python}\0{folder}", _ => new Lazy<Task>(() => CompileAsync(python, folder))).Value;

    private static async Task CompileAsync(string python, string folder)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            // py_compile writes the cache even under PYTHONDONTWRITEBYTECODE, atomically (concurrent harnesses are safe).
            await CliWrap.Cli.Wrap(python)
                .WithArguments(["-c", "import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)",
                    .. Directory.EnumerateFiles(folder, "*.py").Order(StringComparer.Ordinal)])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Without the cache every process compiles from source, as before: slower, never wrong.
        }
    }
}
