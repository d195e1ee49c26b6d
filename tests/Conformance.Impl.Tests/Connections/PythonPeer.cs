using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Connections;

/// <summary>
/// A CPython process running peer.py (real <c>multiprocessing.connection</c>) as a normal subprocess. A watchdog
/// kills it after a deadline, which also ends any read of ours that waits on it (its sockets close), so no test hangs.
/// </summary>
public sealed class PythonPeer : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _stderr = new();
    private readonly Timer _watchdog;
    private bool _disposed;

    private PythonPeer(string python, string[] args, string scriptPath = "Connections/peer.py")
    {
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, scriptPath);
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = new System.Diagnostics.Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) =>
        {
            // The reader thread can deliver the end of stdout after Dispose (a killed peer's pipe closes late):
            // the collection is then gone, and the line is nobody's.
            lock (_lines)
            {
                if (_disposed) return;
                if (e.Data is null) _lines.CompleteAdding();
                else _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _watchdog = new Timer(_ => Kill(), null, TimeSpan.FromSeconds(25), Timeout.InfiniteTimeSpan);
    }

    /// <summary>python3 on PATH (3.11 here).</summary>
    public static string Python311 => "python3";

    /// <summary>pyenv's CPython 3.12, or null when it is not installed.</summary>
    public static string? Python312
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PYENV_ROOT")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
            var versions = Path.Combine(root, "versions");
            if (!Directory.Exists(versions)) return null;
            return Directory.GetDirectories(versions, "3.12*").Order().Select(d => Path.Combine(d, "bin", "python3")).FirstOrDefault(File.Exists);
        }
    }

    public static PythonPeer Start(string python, params string[] args) => new(python, args);

    /// <summary>Runs another script copied next to the tests (<paramref name="scriptPath"/> relative to the test directory).</summary>
    public static PythonPeer StartScript(string python, string scriptPath, params string[] args) => new(python, args, scriptPath);

    /// <summary>pyenv's CPython <paramref name="version"/> (e.g. "3.13"), or null when it is not installed.</summary>
    public static string? PyenvPython(string version)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        if (!Directory.Exists(versions)) return null;
        return Directory.GetDirectories(versions, version + ".*").Order().Select(d => Path.Combine(d, "bin", "python3")).FirstOrDefault(File.Exists);
    }

    /// <summary>The next stdout line; fails the test (with stderr) if none comes within <paramref name="seconds"/>.</summary>
    public string ReadLine(double seconds = 20)
    {
        if (_lines.TryTake(out var line, TimeSpan.FromSeconds(seconds))) return line;
        Assert.Fail($"the CPython peer printed no line within {seconds} s; stderr:\n{Stderr}");
        return "";
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; returns it.</summary>
    public string Expect(string prefix)
    {
        while (true)
        {
            var line = ReadLine();
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
            if (line.StartsWith("ERROR", StringComparison.Ordinal))
                Assert.Fail($"the CPython peer failed while we expected '{prefix}': {line}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>Waits for the peer to exit and returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(20_000))
        {
            Kill();
            Assert.Fail($"the CPython peer did not exit; stderr:\n{Stderr}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        if (!_process.WaitForExit(5_000)) Kill();
        _process.Dispose();
        lock (_lines)
        {
            _disposed = true;
            _lines.Dispose();
        }
    }
}
