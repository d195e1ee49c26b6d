using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace Multiprocessing.Internal;

/// <summary>
/// CPython's <c>util.get_temp_dir()</c> (one <c>pymp-xxxxxxxx</c> directory per process under the temp dir, removed
/// at exit) and <c>arbitrary_address('AF_UNIX')</c> (<c>tempfile.mktemp(prefix='listener-', dir=...)</c>).
/// </summary>
internal static class TempDir
{
    private const string Characters = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static readonly object Gate = new();
    private static readonly List<string> ToUnlink = new();
    private static string? s_dir;
    private static bool s_hooked;

    public static string Get()
    {
        lock (Gate)
        {
            if (s_dir is not null) return s_dir;
            var root = Path.GetTempPath();
            while (true)
            {
                var candidate = Path.Combine(root, "pymp-" + RandomName());
                if (Directory.Exists(candidate) || File.Exists(candidate)) continue;
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(candidate);
                else Directory.CreateDirectory(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                s_dir = candidate;
                Hook();
                return candidate;
            }
        }
    }

    public static string ArbitraryAddress()
    {
        var dir = Get();
        while (true)
        {
            var path = Path.Combine(dir, "listener-" + RandomName());
            if (!File.Exists(path) && !Directory.Exists(path)) return path;
        }
    }

    public static void UnlinkAtExit(string path)
    {
        lock (Gate)
        {
            ToUnlink.Add(path);
            Hook();
        }
    }

    public static void Unlink(string path)
    {
        lock (Gate) ToUnlink.Remove(path);
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Hook()
    {
        if (s_hooked) return;
        s_hooked = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Cleanup();
    }

    private static void Cleanup()
    {
        string[] paths;
        lock (Gate) paths = [.. ToUnlink];
        foreach (var p in paths) Unlink(p);
        var dir = s_dir;
        if (dir is null) return;
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string RandomName()
    {
        Span<char> name = stackalloc char[8];
        for (var i = 0; i < name.Length; i++) name[i] = Characters[RandomNumberGenerator.GetInt32(Characters.Length)];
        return new string(name);
    }
}
