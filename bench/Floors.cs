using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Conformance.Bench;

/// <summary>
/// The C floors (bench/floors.c), compiled with <c>cc -O2</c> when the bench starts. The floors are a C program only:
/// without a C compiler they are skipped, with a message, and every floor clause of the targets with them.
/// </summary>
public sealed class Floors
{
    private readonly string _exe;
    private readonly string _root;

    private Floors(string exe, string root)
    {
        _exe = exe;
        _root = root;
    }

    /// <summary>What happened at start (compiled, or why the floors are skipped).</summary>
    public static string Status { get; private set; } = "";

    /// <summary>Compiles the floors, or returns null after saying why they are skipped.</summary>
    public static Floors? Prepare(string root)
    {
        var source = Path.Combine(root, "bench", "floors.c");
        var cc = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "cc")).FirstOrDefault(File.Exists);
        if (cc is null)
        {
            Status = "floors skipped: no C compiler `cc` on PATH (the floors are bench/floors.c, a C program; there is no " +
                     "unsafe-C# variant), so no row shows a floor and every floor clause of the targets is unevaluated";
            Console.Error.WriteLine(Status);
            return null;
        }
        var exe = Path.Combine(Path.GetTempPath(), $"conformance-bench-floors-{Environment.ProcessId}");
        var psi = new ProcessStartInfo(cc) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-O2", "-o", exe, source }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)) || p.ExitCode != 0)
        {
            Status = $"floors skipped: `{cc} -O2 {source}` failed:\n{err}";
            Console.Error.WriteLine(Status);
            return null;
        }
        Status = $"floors: bench/floors.c compiled with `{cc} -O2`";
        Console.Error.WriteLine(Status);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(exe);
        return new Floors(exe, root);
    }

    /// <summary>One floor measurement in <paramref name="placement"/> (its value in <see cref="FloorSpec.Unit"/>).</summary>
    public RunResult Run(FloorSpec spec, string placement, int scale) =>
        Runner.Run(_exe, [spec.Mode, placement, (spec.N / scale).ToString(System.Globalization.CultureInfo.InvariantCulture)], _root,
            TimeSpan.FromSeconds(60));
}
