using System.Text;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Conformance.Harness.Backends;

/// <summary>A CPython interpreter together with the shared libpython that matches it (what pythonnet embeds).</summary>
/// <param name="Executable">The interpreter, resolved (no pyenv shim); spawn children run it.</param>
/// <param name="LibPython">The shared library pythonnet loads.</param>
/// <param name="Version">e.g. <c>3.11.7</c>.</param>
public sealed partial record PythonInstallation(string Executable, string LibPython, string Version)
{
    /// <summary>The oldest CPython minor version pythonnet 3.2.1 loads: 3.8–3.10 fail with "Python ABI ... is not supported".</summary>
    public const int MinimumMinor = 11;

    /// <summary>Environment variable naming the interpreter to use instead of <c>python3</c> on PATH.</summary>
    public const string PythonVariable = "CONFORMANCE_PYTHON";

    /// <summary>pythonnet's own variable naming libpython; honoured when set.</summary>
    public const string PyDllVariable = "PYTHONNET_PYDLL";

    private const string InstallHint =
        "Install CPython 3.11–3.13 with its shared library (Debian/Ubuntu: apt-get install python3 libpython3-dev), " +
        $"or point {PythonVariable} at an interpreter built with --enable-shared, or {PyDllVariable} at its libpython3.X.so.";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, PythonInstallation> Cache = new(StringComparer.Ordinal);

    /// <summary>Finds the interpreter (option, then <c>CONFORMANCE_PYTHON</c>, then <c>python3</c> on PATH) and its libpython.</summary>
    /// <exception cref="PythonNotFoundException">No usable interpreter or no shared libpython; the message says what to install.</exception>
    public static async Task<PythonInstallation> DiscoverAsync(string? interpreter = null, CancellationToken ct = default)
    {
        // CONFORMANCE_PYTHON may list a version matrix (3.11,3.13): the first is the reference, used when none is named.
        var requested = interpreter ?? Matrix().FirstOrDefault();
        var candidates = requested is { Length: > 0 } ? [Locate(requested)] : new[] { "python3", "python" };
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
                failures.Add(candidate.Contains('/') ? $"'{candidate}' does not exist" : $"'{candidate}' was not found on PATH");
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
            if (!System.Version.TryParse(version, out var v) || v.Major != 3 || v.Minor < MinimumMinor)
            {
                failures.Add($"'{exe}' is Python {version}, which pythonnet 3.2.1 cannot load (its 'Python ABI v{version} is not supported'); " +
                             $"use CPython 3.{MinimumMinor}–3.13");
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

    /// <summary>The entries of <c>CONFORMANCE_PYTHON</c> (comma-separated versions or paths), none when unset.</summary>
    public static IReadOnlyList<string> Matrix() =>
        (Environment.GetEnvironmentVariable(PythonVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// What <c>--python SPEC</c> names: a path (it contains '/') as it is; a version (<c>3.13</c>, <c>3.13.0</c>) looked up
    /// under <c>$(pyenv root)/versions/3.13*</c>, then as <c>/usr/bin/python3.13</c>; anything else a command on PATH.
    /// </summary>
    /// <exception cref="PythonNotFoundException">A version that matches no interpreter or several: the message names the candidates.</exception>
    public static string Locate(string spec)
    {
        if (!VersionSpec().IsMatch(spec))
            return spec;
        var parts = spec.Split('.');
        var minor = $"{parts[0]}.{parts[1]}";
        var versions = Path.Combine(PyenvRoot(), "versions");
        var installed = Directory.Exists(versions)
            ? Directory.GetDirectories(versions).Select(Path.GetFileName).OfType<string>().Where(n => VersionSpec().IsMatch(n)).Order(StringComparer.Ordinal).ToList()
            : [];
        var matches = installed
            .Where(n => n == spec || n.StartsWith(spec + ".", StringComparison.Ordinal))
            .Select(n => Path.Combine(versions, n, "bin", $"python{minor}"))
            .Where(File.Exists)
            .ToList();
        if (matches.Count == 1)
            return matches[0];
        if (matches.Count > 1)
            throw new PythonNotFoundException($"--python {spec} is ambiguous: {string.Join(", ", matches)}; name one of them by its full version or path");
        var system = $"/usr/bin/python{minor}";
        if (parts.Length == 2 && File.Exists(system))
            return system;
        var known = installed.Select(n => Path.Combine(versions, n)).Concat(
            Directory.Exists("/usr/bin") ? Directory.GetFiles("/usr/bin", "python3.*").Where(f => VersionSpec().IsMatch(Path.GetFileName(f)[6..])) : []);
        throw new PythonNotFoundException(
            $"--python {spec}: no interpreter under {versions}/{spec}* nor {system}; the ones there are: {string.Join(", ", known.DefaultIfEmpty("none"))}. " +
            "Give another version or the interpreter's path.");
    }

    /// <summary><c>$PYENV_ROOT</c>, else <c>~/.pyenv</c> (what <c>pyenv root</c> prints).</summary>
    private static string PyenvRoot() =>
        Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");

    [GeneratedRegex(@"^3\.\d+(\.\d+)?$")]
    private static partial Regex VersionSpec();

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
