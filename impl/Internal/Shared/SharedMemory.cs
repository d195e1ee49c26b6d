using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;

namespace Multiprocessing.Internal.Shared;

/// <summary>
/// The memory under a shared value, array or barrier (CPython's <c>multiprocessing.heap</c> arena): a file in
/// <c>/dev/shm</c> named <c>/mp-PID-HEX8</c>, mapped shared. Unlike CPython's arena (an unlinked temp file passed by
/// fd) it is named, so a child reopens it by name while spawning, like a named semaphore; the creator registers it
/// with the resource tracker and unlinks it at exit, and the tracker unlinks it if the creator was killed.
/// </summary>
internal sealed unsafe class SharedMemory
{
    private static readonly ConcurrentDictionary<string, SharedMemory> Created = new();

    private SharedMemory(string name, long size, byte* pointer, bool creator)
    {
        Name = name;
        Size = size;
        Pointer = pointer;
        IsCreator = creator;
    }

    /// <summary>The POSIX name, <c>/mp-PID-HEX8</c> (file <c>/dev/shm/mp-PID-HEX8</c>).</summary>
    public string Name { get; }

    /// <summary>The mapped size in bytes (zero-filled at creation).</summary>
    public long Size { get; }

    /// <summary>The start of the mapping (page-aligned).</summary>
    public byte* Pointer { get; }

    public bool IsCreator { get; }

    private static string PathOf(string name) => "/dev/shm/" + name[1..];

    /// <summary>Creates a zero-filled segment of <paramref name="size"/> bytes, registered with the resource tracker.</summary>
    public static SharedMemory Create(long size)
    {
        // A zero-length mapping is EINVAL; CPython's heap also hands out at least one aligned block.
        var mapped = Math.Max(size, 8);
        ResourceTracker.EnsureRunning(); // as SemLock.Create: a tracker that cannot start must not leave a segment behind
        for (var i = 0; i < 100; i++)
        {
            var name = $"/mp-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
            var fd = Libc.open_mode(PathOf(name), Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, 384 /* 0600 */);
            if (fd < 0)
            {
                var e = Libc.Errno;
                if (e == Libc.EEXIST) continue;
                throw new OSError(e, $"{Libc.StrError(e)}: cannot create shared memory {PathOf(name)} in {Mp.Describe()}");
            }
            try
            {
                if (Libc.ftruncate(fd, mapped) != 0)
                {
                    var e = Libc.Errno;
                    File.Delete(PathOf(name));
                    throw Errors.Os(e);
                }
                var p = Libc.mmap(IntPtr.Zero, (nuint)mapped, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
                if (p == Libc.MapFailed)
                {
                    var e = Libc.Errno;
                    File.Delete(PathOf(name));
                    throw Errors.Os(e);
                }
                var m = new SharedMemory(name, mapped, (byte*)p, creator: true);
                ExitHooks.EnsureInstalled();
                Created[name] = m;
                ResourceTracker.Register(name, "shared_memory");
                return m;
            }
            finally
            {
                Libc.close(fd); // the mapping keeps the memory; children reopen by name
            }
        }
        throw new OSError(Libc.EEXIST, "cannot find name for shared memory");
    }

    /// <summary>Maps a segment created by another process (while this one is being spawned).</summary>
    public static SharedMemory Open(string name, long size)
    {
        if (name.Length < 2 || name.IndexOf('/', 1) >= 0)
            throw new UnpicklingError($"bad shared memory name '{name}'");
        var fd = Libc.open_mode(PathOf(name), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var e = Libc.Errno;
            throw new OSError(e, $"{Libc.StrError(e)}: cannot open shared memory '{name}' in {Mp.Describe()}; " +
                "it was unlinked because its creator exited before this process opened it");
        }
        try
        {
            var p = Libc.mmap(IntPtr.Zero, (nuint)size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
            if (p == Libc.MapFailed) throw Errors.Os(Libc.Errno);
            return new SharedMemory(name, size, (byte*)p, creator: false);
        }
        finally
        {
            Libc.close(fd);
        }
    }

    /// <summary>Unlinks the name (creator only) and unregisters it; every mapping keeps working.</summary>
    public void Unlink()
    {
        if (!IsCreator || !Created.TryRemove(Name, out _)) return;
        try
        {
            File.Delete(PathOf(Name));
        }
        catch (IOException)
        {
            // Already gone: the tracker or a cleanup removed it.
        }
        ResourceTracker.Unregister(Name, "shared_memory");
    }

    /// <summary>Unlinks every segment this process created (exit hook).</summary>
    public static void UnlinkAll()
    {
        foreach (var m in Created.Values) m.Unlink();
    }
}
