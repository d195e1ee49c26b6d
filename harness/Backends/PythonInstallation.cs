using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Conformance.Harness.Backends;

/// <summary>A CPython interpreter together with the shared libpython that matches it (what pythonnet embeds).</summary>
/// <param name="Executable">The interpreter, resolved (no pyenv shim); spawn children run it.</param>
/// <param name="LibPython">The shared library pythonnet loads.</param>
/// <param name="Version">e.g. <c>3.11.7</c>.</param>
public sealed record PythonInstallation(string Executable, string LibPython, string Version)
{
    /// <summary>Environment variable naming the interpreter to use instead of <c>python3</c> on PATH.</summary>
    public const string PythonVariable = "CONFORMANCE_PYTHON";

    /// <summary>pythonnet's own variable naming libpython; honoured when set.</summary>
    public const string PyDllVariable = "PYTHONNET_PYDLL";

    private const string InstallHint =
        "Install CPython 3.8–3.13 with its shared library (Debian/Ubuntu: apt-get install python3 libpython3-dev), " +
        $"or point {PythonVariable} at an interpreter built with --enable-shared, or {PyDllVariable} at its libpython3.X.so.";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, PythonInstallation> Cache = new(StringComparer.Ordinal);

    /// <summary>Finds the interpreter (option, then <c>CONFORMANCE_PYTHON</c>, then <c>python3</c> on PATH) and its libpython.</summary>
    /// <exception cref="PythonNotFoundException">No usable interpreter or no shared libpython; the message says what to install.</exception>
    public static async Task<PythonInstallation> DiscoverAsync(string? interpreter = null, CancellationToken ct = default)
    {
        var requested = interpreter ?? Environment.GetEnvironmentVariable(PythonVariable);
        var candidates = requested is { Length: > 0 } ? [requested] : new[] { "python3", "python" };
        var key = string.Join('|', candidates);
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Cache.TryGetValue(key, out var cached))
                return cached;
            var found = await ProbeAsync(candidates, requested is { Length: > 0 }, ct).ConfigureAwait(false);
            Cache[key] = found;
            return found;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<PythonInstallation> ProbeAsync(string[] candidates, bool explicitlyRequested, CancellationToken ct)
    {
        // One line per fact, so no JSON parsing is needed on either side.
        const string probe =
            "import sys, sysconfig\n" +
            "v = sysconfig.get_config_var\n" +
            "print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])\n" +
            "print(v('LIBDIR') or ''); print(v('LDLIBRARY') or ''); print(v('INSTSONAME') or ''); print(v('MULTIARCH') or '')\n";
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            var path = Resolve(candidate);
            if (path is null)
            {
                failures.Add($"'{candidate}' was not found on PATH");
                continue;
            }
            BufferedCommandResult result;
            try
            {
                result = await CliWrap.Cli.Wrap(path).WithArguments(["-c", probe])
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(Encoding.UTF8, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                failures.Add($"'{path}' could not be started ({e.Message})");
                continue;
            }
            var lines = result.StandardOutput.Split('\n');
            if (result.ExitCode != 0 || lines.Length < 6)
            {
                failures.Add($"'{path}' failed to report its configuration (exit code {result.ExitCode}): {result.StandardError.Trim()}");
                continue;
            }
            var (exe, version, libDir, ldLibrary, soName, multiarch) = (lines[0], lines[1], lines[2], lines[3], lines[4], lines[5]);
            if (!System.Version.TryParse(version, out var v) || v.Major != 3 || v.Minor < 8)
            {
                failures.Add($"'{exe}' is Python {version}; pythonnet needs 3.8 or newer");
                continue;
            }
            var lib = Environment.GetEnvironmentVariable(PyDllVariable) is { Length: > 0 } pinned
                ? pinned
                : FindLibrary(libDir, multiarch, [ldLibrary, soName, $"libpython{v.Major}.{v.Minor}.so", $"libpython{v.Major}.{v.Minor}.so.1.0"]);
            if (lib is null || !File.Exists(lib))
            {
                failures.Add($"'{exe}' (Python {version}) has no shared libpython (LIBDIR={libDir}, LDLIBRARY={ldLibrary})");
                continue;
            }
            return new PythonInstallation(exe, lib, version);
        }
        var what = explicitlyRequested ? $"the interpreter named by --python/{PythonVariable}" : "a Python 3 interpreter on PATH";
        throw new PythonNotFoundException($"Could not use {what} for the CPython backend: {string.Join("; ", failures)}. {InstallHint}");
    }

    private static string? FindLibrary(string libDir, string multiarch, IEnumerable<string> names)
    {
        var dirs = new[] { libDir, multiarch.Length > 0 ? Path.Combine(libDir, multiarch) : "", $"/usr/lib/{multiarch}", "/usr/lib", "/usr/local/lib" }
            .Where(d => d.Length > 0).Distinct();
        return (from dir in dirs
                from name in names
                where name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal)
                let full = Path.Combine(dir, name)
                where File.Exists(full)
                select full).FirstOrDefault();
    }

    private static string? Resolve(string candidate)
    {
        if (candidate.Contains('/'))
            return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, candidate))
            .FirstOrDefault(File.Exists);
    }
}
