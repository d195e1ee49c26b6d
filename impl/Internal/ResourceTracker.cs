using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Multiprocessing.Internal;

/// <summary>
/// CPython's resource_tracker: one small child process per main process, fed REGISTER/UNREGISTER lines over a pipe.
/// When every writer is gone (the main process and its children exited, even by SIGKILL) it unlinks what is left.
/// </summary>
internal static class ResourceTracker
{
    private static readonly object Gate = new();
    private static int s_fd = -1;
    private static int s_pid;

    /// <summary>The write end of the tracker pipe (-1 until started or inherited).</summary>
    public static int Fd
    {
        get
        {
            lock (Gate) return s_fd;
        }
    }

    /// <summary>The tracker's pid when this process started it (0 otherwise).</summary>
    public static int Pid => s_pid;

    /// <summary>Adopts a tracker pipe inherited from the parent process.</summary>
    public static void Inherit(int fd)
    {
        lock (Gate) s_fd = fd;
    }

    /// <summary>Starts the tracker unless one is running or inherited (CPython's <c>ensure_running</c>).</summary>
    public static int EnsureRunning()
    {
        lock (Gate)
        {
            if (s_fd >= 0) return s_fd;
            var (r, w) = Libc.Pipe();
            try
            {
                // The tracker reads the pipe on its own fd 0: pass the read end through a payload-less spawn.
                s_pid = SpawnTracker(r);
            }
            finally
            {
                Libc.close(r);
            }
            s_fd = w;
            return w;
        }
    }

    private static int SpawnTracker(int readFd) =>
        Spawner.Spawn("tracker", BitConverter.GetBytes(readFd), [readFd]);

    /// <summary>Registers a name for cleanup if this process dies without unlinking it.</summary>
    public static void Register(string name, string type)
    {
        Send("REGISTER", name, type);
        NamedResources.OnRegistered(name, type);
    }

    /// <summary>Unregisters a name that was unlinked normally.</summary>
    public static void Unregister(string name, string type)
    {
        Send("UNREGISTER", name, type);
        NamedResources.OnUnregistered(name, type);
    }

    private static void Send(string cmd, string name, string type)
    {
        var fd = EnsureRunning();
        var line = Encoding.UTF8.GetBytes($"{cmd}:{name}:{type}\n");
        try
        {
            Libc.WriteAll(fd, line);
        }
        catch (OSError)
        {
            // Tracker gone: nothing left to tell.
        }
    }

    /// <summary>The tracker process's main loop (runs inside the spawned tracker child).</summary>
    public static int Main(byte[] payload)
    {
        var fd = BitConverter.ToInt32(payload);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true);
        var cache = new Dictionary<string, string>();
        using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            if (parts[0] == "REGISTER") cache[parts[1]] = parts[2];
            else if (parts[0] == "UNREGISTER") cache.Remove(parts[1]);
        }
        if (cache.Count > 0)
        {
            var stderr = Console.Error;
            stderr.WriteLine($"resource_tracker: There appear to be {cache.Count} leaked semaphore objects to clean up at shutdown");
            foreach (var (name, type) in cache)
            {
                if (type == "semaphore") Libc.sem_unlink(name);
                else if (type == "shared_memory") File.Delete(Path.Combine("/dev/shm", name.TrimStart('/')));
            }
            stderr.Flush();
        }
        return 0;
    }
}
